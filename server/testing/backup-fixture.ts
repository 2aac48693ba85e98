import { randomBytes, randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { systemActor, type Ctx } from '../context';
import type { StartBackupInput } from '../contracts/backups';
import { startBackupInput } from '../contracts/backups';
import type { Prisma, Run } from '../db/generated/client';
import { takeBackup } from '../backup/take-backup';
import { startBackup } from '../backup/start-backup';
import { verifyBackup } from '../backup/verify-backup';
import { createProducer, type Producer } from '../queue/producer';
import type { AfterRun, Processors } from '../queue/process-run-job';
import { startWorkers, type RunningWorkers } from '../queue/start-workers';
import { setMasterKeyForTests } from '../secrets/master-key';
import { createTestCatalog, testRedis, type TestCatalog } from './catalog-fixture';
import type { PostgresServer } from './postgres-server';

// Shared by the backup engine's integration tests (not production code): a private catalog, a
// repository in a temp directory, a producer and in-process workers on the private Redis, so a
// test goes through the same path as the API: verb → run → queue → worker → engine.

const run = promisify(execFile);

export type BackupFixture = {
  readonly ctx: Ctx;
  readonly catalog: TestCatalog;
  readonly root: string;
  readonly producer: Producer;
  /** The secrets key, hex, for worker processes the test starts itself. */
  readonly masterKey: string;
  addServer(source: PostgresServer, data?: Partial<Prisma.ServerUncheckedCreateInput>): Promise<{ id: string; name: string }>;
  /** Queues a backup through the verb the API calls; resolves to the run. */
  startBackup(serverName: string, options?: StartBackupInput): Promise<Run>;
  waitForRun(runId: string, until?: (run: Run) => boolean, ms?: number): Promise<Run>;
  /** startBackup, then wait until it finished; throws with the run's error unless it succeeded. */
  backup(serverName: string, options?: StartBackupInput): Promise<Run>;
};

export const finished = (r: Run) => ['succeeded', 'failed', 'cancelled'].includes(r.status);

/**
 * `processors` adds job processors (e.g. the real retention.apply) to the fixture's workers;
 * `afterRun` is what the worker does once a run is finished (the worker process evaluates alerts there).
 */
export function useBackupFixture(options: { processors?: Processors; afterRun?: AfterRun } = {}): BackupFixture {
  let state: { ctx: Ctx; catalog: TestCatalog; root: string; producer: Producer; workers: RunningWorkers; masterKey: string } | undefined;
  const ready = () => {
    if (!state) throw new Error('useBackupFixture: used outside a test');
    return state;
  };

  beforeAll(async () => {
    const masterKey = randomBytes(32).toString('hex');
    setMasterKeyForTests(masterKey);
    // Cancels are seen at the next heartbeat: keep it short so tests do not wait for it.
    process.env.CELLAR_HEARTBEAT_MS = '200';
    const catalog = await createTestCatalog();
    const ctx: Ctx = { db: catalog.db, actor: { ...systemActor, type: 'user', name: 'tester' }, requestId: randomUUID(), log: pino({ level: 'silent' }) };
    const root = await mkdtemp(path.join(os.tmpdir(), 'cellar-backup-repo-'));
    // Restored clusters run as an unprivileged account, which must be able to reach into the repository.
    await chmod(root, 0o755);
    const redis = testRedis();
    const producer = createProducer({ redisUrl: redis.url, prefix: redis.prefix });
    const processors: Processors = {
      'backup.run': ({ ctx: c, run: r, handle }) => takeBackup({ ctx: c, input: { runId: r.id, serverId: r.serverId ?? '', root }, handle }),
      'backup.verify': async ({ ctx: c, run: r, handle }) => {
        const report = await verifyBackup({ ctx: c, input: { backupUuid: (r.input as { backupUuid: string }).backupUuid, root }, handle });
        return { ok: report.ok, summary: report.summary };
      },
      ...options.processors,
    };
    const workers = startWorkers({ db: catalog.db, logger: pino({ level: 'silent' }), processors, redisUrl: redis.url, prefix: redis.prefix, concurrency: { backups: 4, maintenance: 2 }, afterRun: options.afterRun });
    state = { ctx, catalog, root, producer, workers, masterKey };
  });

  afterAll(async () => {
    if (!state) return;
    await state.workers.close();
    await state.producer.close();
    await state.catalog.drop();
    await run('rm', ['-rf', state.root]).catch(() => rm(state?.root ?? '', { recursive: true, force: true }));
    setMasterKeyForTests(undefined);
  });

  const fixture: BackupFixture = {
    get ctx() {
      return ready().ctx;
    },
    get catalog() {
      return ready().catalog;
    },
    get root() {
      return ready().root;
    },
    get producer() {
      return ready().producer;
    },
    get masterKey() {
      return ready().masterKey;
    },
    async addServer(source, data = {}) {
      return ready().catalog.db.server.create({
        data: { name: `srv-${randomBytes(4).toString('hex')}`, conninfo: source.conninfo(), compression: 'zstd', ...data },
        select: { id: true, name: true },
      });
    },
    async startBackup(serverName, options = {}) {
      const { ctx, producer } = ready();
      const view = await startBackup({ ctx, producer, input: { name: serverName, options: startBackupInput.parse(options) } });
      return ctx.db.run.findUniqueOrThrow({ where: { id: view.id } });
    },
    async waitForRun(runId, until = finished, ms = 90_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const current = await ready().ctx.db.run.findUniqueOrThrow({ where: { id: runId } });
        if (until(current)) return current;
        if (Date.now() > deadline) throw new Error(`run ${runId} still ${current.status} (${current.phase ?? 'no phase'}) after ${ms} ms`);
        await sleep(100);
      }
    },
    async backup(serverName, options) {
      const started = await fixture.startBackup(serverName, options);
      const done = await fixture.waitForRun(started.id);
      if (done.status !== 'succeeded') throw new Error(`backup run ${done.status}: ${done.error ?? ''}`);
      return done;
    },
  };
  return fixture;
}
