import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../../local/free-port';
import { missingMajorReason, pgBinDir, type PgMajor } from '../../local/postgres-binaries';
import { pgCtlStop, logTail, type PgProcess } from '../../local/postgres-process';
import { spawnAs, unprivilegedUser } from '../../local/unprivileged-user';

const run = promisify(execFile);

// A restored data directory started for verification: the PostgreSQL binary of its major on a
// free loopback port, reachable only through a socket in the scratch directory (trust on that
// socket alone, replacing the restored pg_hba.conf), running as an unprivileged account.

export type ScratchPostgres = { port: number; socketDir: string; logFile: string; query<R extends pg.QueryResultRow>(sql: string, params?: unknown[], db?: string): Promise<R[]>; stop(): Promise<void>; logTail(): Promise<string> };

export function majorOf(pgVersion: number): PgMajor {
  const major = pgVersion >= 100000 ? Math.floor(pgVersion / 10000) : pgVersion;
  if (major !== 13 && major !== 14 && major !== 15 && major !== 18) throw new Error(`No PostgreSQL ${major} binaries here to verify this backup with.`);
  const missing = missingMajorReason(major);
  if (missing) throw new Error(missing);
  return major;
}

export async function startScratchPostgres(opts: { scratch: string; dataDir: string; major: PgMajor; superuser: string; timeoutSeconds: number }): Promise<ScratchPostgres> {
  const user = await unprivilegedUser();
  const port = await freePort();
  const p: PgProcess = { binDir: pgBinDir(opts.major), baseDir: opts.scratch, dataDir: opts.dataDir, logFile: path.join(opts.scratch, 'postgres.log'), user };
  await writeFile(path.join(opts.dataDir, 'pg_hba.conf'), 'local all all trust\n');
  const settings = [`port = ${port}`, "listen_addresses = ''", `unix_socket_directories = '${opts.scratch}'`, 'archive_mode = off', "primary_conninfo = ''"];
  await writeFile(path.join(opts.dataDir, 'postgresql.auto.conf'), `\n# restore verification\n${settings.join('\n')}\n`, { flag: 'a' });
  if (user.dropsPrivileges) await run('chown', ['-R', `${user.uid}:${user.gid}`, opts.scratch]);
  // -w waits for connections: a paused or promoting recovery accepts them once consistent.
  const args = ['start', '-w', '-t', String(opts.timeoutSeconds), '-D', opts.dataDir, '-l', p.logFile];
  try {
    await run(path.join(p.binDir, 'pg_ctl'), args, { cwd: opts.scratch, ...spawnAs(user) });
  } catch (error) {
    throw new Error(`PostgreSQL ${opts.major} did not start on the restored data (${(error as Error).message.split('\n')[0]}).\n${await logTail(p.logFile, 15)}`);
  }
  return {
    port,
    socketDir: opts.scratch,
    logFile: p.logFile,
    async query<R extends pg.QueryResultRow>(sql: string, params?: unknown[], db = 'postgres') {
      const client = new pg.Client({ host: opts.scratch, port, user: opts.superuser, database: db });
      await client.connect();
      try {
        return (await client.query<R>(sql, params)).rows;
      } finally {
        await client.end();
      }
    },
    stop: () => pgCtlStop(p, 'immediate').catch(() => undefined),
    logTail: () => logTail(p.logFile, 15),
  };
}
