import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../server/local/free-port';
import { stopChildren } from '../../server/local/stop-children';
import { waitForHttp } from '../../server/local/wait-for-http';
import { startPostgres } from '../../server/testing/postgres-server';
import { startRedis } from '../../server/testing/redis-server';
import type { Stack } from './stack';

const root = path.resolve(import.meta.dirname, '../..');

// Starts the whole product for the browser: a private catalog PostgreSQL and Redis, the real
// web, worker and WAL receiver processes, and a PostgreSQL 15 server for the specs to register.
export default async function globalSetup(): Promise<() => Promise<void>> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'cellar-e2e-'));
  const catalog = await startPostgres({ settings: { fsync: false } });
  await catalog.query('CREATE DATABASE cellar');
  const redis = await startRedis();
  const target = await startPostgres({
    major: 15,
    settings: { archive_mode: 'on', archive_command: '/bin/true' },
  });
  const port = await freePort();
  const admin = { username: 'admin', password: 'e2e-admin-password-1' };
  const env = {
    ...process.env,
    DATABASE_URL: catalog.url('cellar'),
    REDIS_URL: redis.url,
    CELLAR_HOME: home,
    CELLAR_ADMIN_PASSWORD: admin.password,
    CELLAR_HEARTBEAT_MS: '1000',
    PORT: String(port),
    LOG_LEVEL: 'warn',
  };
  const children: ChildProcess[] = [];
  const launch = (entry: string) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: root,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    children.push(child);
  };
  launch('bin/cellar-web.ts');
  const baseURL = `http://127.0.0.1:${port}`;
  await waitForHttp(`${baseURL}/api/health`);
  launch('workers/jobs.ts');
  launch('workers/wal-receiver.ts');

  const stack: Stack = {
    baseURL,
    admin,
    target: { conninfo: target.conninfo(), major: target.major, url: target.url() },
    catalogUrl: catalog.url('cellar'),
  };
  const stateFile = path.join(home, 'stack.json');
  await writeFile(stateFile, JSON.stringify(stack));
  process.env.CELLAR_E2E_STATE = stateFile;

  return async () => {
    await stopChildren(children);
    await Promise.allSettled([catalog.destroy(), target.destroy(), redis.stop()]);
    await rm(home, { recursive: true, force: true });
  };
}
