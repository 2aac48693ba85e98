import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../server/local/free-port';
import { stopChildren } from '../../server/local/stop-children';
import { waitForHttp } from '../../server/local/wait-for-http';
import { startRedis } from '../../server/testing/redis-server';
import { startPrivateCatalog } from './private-catalog';
import { seedLargeCatalog, type SeedSummary } from './seed/seed-large-catalog';

// What the console bench drives: the built web process against a seeded catalog. With a
// catalog URL it uses that catalog as it is; without, it makes a private one and seeds it.

export type BenchStack = { baseURL: string; password: string; seed: SeedSummary | null; stop(): Promise<void> };

const root = path.resolve(import.meta.dirname, '../..');

export function assertBuilt(): void {
  if (!existsSync(path.join(root, '.next', 'BUILD_ID')))
    throw new Error('The console is not built: run `npx next build` first (the bench measures the production build).');
}

export async function startBenchStack(options: { databaseUrl?: string; password: string; log: (line: string) => void }): Promise<BenchStack> {
  assertBuilt();
  const home = await mkdtemp(path.join(os.tmpdir(), 'cellar-bench-'));
  const catalog = options.databaseUrl ? null : await startPrivateCatalog();
  const url = options.databaseUrl ?? catalog?.url ?? '';
  let seed: SeedSummary | null = null;
  if (catalog) {
    options.log('Seeding a private catalog (50 servers, 10,000 backups, 500,000 WAL segments)…');
    seed = await seedLargeCatalog({ url, force: false, password: options.password, backups: 10_000, segments: 500_000, auditEvents: 100_000, seed: 6, log: () => undefined });
    options.log(`Seeded in ${seed.seconds.toFixed(1)} s.`);
  }
  const redis = await startRedis();
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'bin/cellar-web.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, REDIS_URL: redis.url, CELLAR_HOME: home, PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseURL = `http://127.0.0.1:${port}`;
  await waitForHttp(`${baseURL}/api/health`);
  return {
    baseURL,
    password: options.password,
    seed,
    async stop() {
      await stopChildren([child]);
      await Promise.allSettled([redis.stop(), catalog?.server.destroy()]);
      await rm(home, { recursive: true, force: true });
    },
  };
}
