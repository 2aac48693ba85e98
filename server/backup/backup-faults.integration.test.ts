import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingMajorReason, supportedMajors } from '../local/postgres-binaries';
import { createProducer } from '../queue/producer';
import { cancelRun } from '../runs/cancel-run';
import { reconcileRuns } from '../runs/reconcile-runs';
import { useBackupFixture } from '../testing/backup-fixture';
import { testRedis } from '../testing/catalog-fixture';
import { startSourceCluster, type SourceCluster } from '../testing/source-cluster';
import { baseDir } from './backup-layout';
import { failOrphanedBackups } from './fail-orphaned-backups';

// A backup that does not finish must leave nothing that looks like a backup: no .partial
// directory, and a catalog row that says FAILED with the reason (or no row, when cancelled).

const run = promisify(execFile);
const silent = pino({ level: 'silent' });
// PostgreSQL's lowest MAX_RATE: the copy takes minutes, so each fault lands mid-stream.
const slow = { maxRateKbps: 32 };

describe.each(supportedMajors)('a backup of PostgreSQL %i that does not finish', (major) => {
  const missing = missingMajorReason(major);
  const fx = useBackupFixture();
  let source: SourceCluster;
  let server: { id: string; name: string };

  beforeAll(async () => {
    if (missing) return;
    source = await startSourceCluster(major);
    server = await fx.addServer(source.server);
  });
  afterAll(() => source?.destroy());

  const copying = (runId: string) => fx.waitForRun(runId, (r) => r.progressDone > 0n || r.status !== 'running' && r.status !== 'queued');
  const leftovers = async () => (await readdir(baseDir(fx.root, server.name)).catch(() => [] as string[])).filter((n) => n.startsWith('.'));

  it.skipIf(missing)('refuses a second backup of the server with 409, and a cancel removes the partial backup', async () => {
    const first = await fx.startBackup(server.name, slow);
    await expect(fx.startBackup(server.name)).rejects.toThrow(/already (queued|running)/);
    await copying(first.id);
    await cancelRun({ ctx: fx.ctx, producer: fx.producer, input: { runId: first.id } });
    const cancelled = await fx.waitForRun(first.id);
    expect(cancelled.status).toBe('cancelled');
    expect(await fx.ctx.db.backup.count({ where: { runId: first.id } })).toBe(0);
    expect(await leftovers()).toEqual([]);
    // The server is not left in backup mode: the next backup works.
    await fx.backup(server.name);
  });

  it.skipIf(missing)('marks the backup FAILED in words when PostgreSQL stops mid-stream', async () => {
    const started = await fx.startBackup(server.name, slow);
    await copying(started.id);
    await source.server.stop('immediate');
    try {
      const failed = await fx.waitForRun(started.id);
      expect(failed.status).toBe('failed');
      const backup = await fx.ctx.db.backup.findFirstOrThrow({ where: { runId: started.id } });
      expect(backup.status).toBe('FAILED');
      expect(backup.error).toMatch(/connection|terminat/i);
      expect(await leftovers()).toEqual([]);
    } finally {
      await source.server.start();
    }
  });

  it.skipIf(missing)('fails the run and cleans the partial directory when the worker process is killed', async () => {
    // A real worker process on its own queue prefix, so the in-process workers do not take the job.
    const prefix = `${testRedis().prefix}-child-${randomBytes(3).toString('hex')}`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'workers/jobs.ts'], {
      env: {
        ...process.env,
        DATABASE_URL: fx.catalog.url,
        REDIS_URL: testRedis().url,
        CELLAR_QUEUE_PREFIX: prefix,
        CELLAR_REPOSITORY: fx.root,
        CELLAR_SECRET_KEY: fx.masterKey,
        LOG_LEVEL: 'warn',
      },
      stdio: 'ignore',
    });
    const producer = createProducer({ redisUrl: testRedis().url, prefix });
    try {
      const queued = await fx.ctx.db.run.create({ data: { kind: 'backup.run', serverId: server.id, input: slow } });
      await producer.enqueue('backup.run', { runId: queued.id });
      await copying(queued.id);
      expect(await leftovers()).toHaveLength(1);
      child.kill('SIGKILL');
      await sleep(1500);
      const { failed } = await reconcileRuns(fx.ctx.db, silent, 1000);
      expect(failed).toContain(queued.id);
      const cleaned = await failOrphanedBackups(fx.ctx.db, fx.root, silent);
      expect(cleaned.failed).toHaveLength(1);
      const backup = await fx.ctx.db.backup.findFirstOrThrow({ where: { runId: queued.id } });
      expect(backup.status).toBe('FAILED');
      expect(backup.error).toMatch(/stopped responding/);
      expect(await leftovers()).toEqual([]);
    } finally {
      child.kill('SIGKILL');
      await producer.close();
    }
  });

  it.skipIf(missing || process.getuid?.() !== 0)('fails cleanly when the repository disk is full', async () => {
    const full = await fx.addServer(source.server);
    const dir = path.join(fx.root, full.name);
    await mkdir(dir, { recursive: true });
    // A 4 MiB file system: the cluster (tens of MB) cannot fit.
    await run('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir]);
    try {
      const started = await fx.startBackup(full.name, { compression: 'none' });
      const failed = await fx.waitForRun(started.id);
      expect(failed.status).toBe('failed');
      const backup = await fx.ctx.db.backup.findFirstOrThrow({ where: { runId: started.id } });
      expect(backup.status).toBe('FAILED');
      expect(backup.error).toMatch(/disk is full/);
      expect((await readdir(path.join(dir, 'base'))).filter((n) => n.startsWith('.'))).toEqual([]);
    } finally {
      await run('umount', [dir]);
    }
  });
});
