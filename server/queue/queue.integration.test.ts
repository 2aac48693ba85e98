import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalog } from '../testing/catalog-fixture';
import { testRedis } from '../testing/catalog-fixture';
import { logger } from '../log/logger';
import { systemActor, type Ctx } from '../context';
import type { Db } from '../db/client';
import { createProducer, type Producer } from './producer';
import { startWorkers } from './start-workers';
import { processRunJob, type Processor } from './process-run-job';
import { createRun } from '../runs/create-run';
import { claimRun } from '../runs/claim-run';
import { reconcileRuns } from '../runs/reconcile-runs';
import { cancelRun } from '../runs/cancel-run';

let catalog: Awaited<ReturnType<typeof createTestCatalog>>;
let db: Db;
let ctx: Ctx;
let producer: Producer;
const redis = testRedis();

beforeAll(async () => {
  catalog = await createTestCatalog();
  db = catalog.db;
  ctx = { db, actor: systemActor, requestId: 'test', log: logger };
  producer = createProducer({ redisUrl: redis.url, prefix: redis.prefix });
});

afterAll(async () => {
  await producer.close();
  await catalog.drop();
});

async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await sleep(100);
  }
}

describe('job registry at the queue boundary', () => {
  it('refuses a bad payload at enqueue time, before it reaches Redis', async () => {
    await expect(producer.enqueue('server.check', { runId: 'nope' })).rejects.toThrow(/invalid payload/);
  });

  it('refuses a bad payload at processing time (it crossed Redis) and touches no run', async () => {
    const processors = { 'server.check': (() => Promise.resolve({})) as Processor };
    await expect(
      processRunJob({ db, logger, workerId: 'w', processors }, { name: 'server.check', data: { runId: 42 } }),
    ).rejects.toThrow(/invalid payload/);
  });

  it('fails the run and answers 503 when Redis is unreachable', async () => {
    const dead = createProducer({ redisUrl: 'redis://127.0.0.1:1', prefix: redis.prefix });
    try {
      await expect(createRun({ ctx, producer: dead, input: { kind: 'server.check' } })).rejects.toMatchObject({ code: 'unavailable' });
      const last = await db.run.findFirst({ orderBy: { queuedAt: 'desc' } });
      expect(last?.status).toBe('failed');
      expect(last?.error).toMatch(/Redis/);
    } finally {
      await dead.close();
    }
  });
});

describe('runs', () => {
  it('lets exactly one of two workers claim a run', async () => {
    const run = await db.run.create({ data: { kind: 'server.check' } });
    const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => claimRun(db, run.id, `worker-${i}`)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    const row = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(row.status).toBe('running');
    expect(row.attempts).toBe(1);
  });

  it('runs a job end to end through Redis, keeping log lines and the result with the run', async () => {
    const processors = {
      'server.check': (async ({ handle }) => {
        await handle.log('info', 'hello from the worker');
        handle.progress(5, 10, 'half');
        return { answer: 42 };
      }) as Processor,
    };
    const workers = startWorkers({ db, logger, processors, redisUrl: redis.url, prefix: redis.prefix });
    try {
      const run = await createRun({ ctx, producer, input: { kind: 'server.check' } });
      const done = await waitFor(() => db.run.findUniqueOrThrow({ where: { id: run.id } }), (r) => r.status === 'succeeded');
      expect(done.status).toBe('succeeded');
      expect(done.result).toEqual({ answer: 42 });
      const logs = await db.runLog.findMany({ where: { runId: run.id } });
      expect(logs.map((l) => l.message)).toContain('hello from the worker');
    } finally {
      await workers.close();
    }
  });

  it('marks a failing job failed with its message', async () => {
    const processors = { 'server.check': (() => Promise.reject(new Error('PostgreSQL said no'))) as Processor };
    const workers = startWorkers({ db, logger, processors, redisUrl: redis.url, prefix: redis.prefix });
    try {
      const run = await createRun({ ctx, producer, input: { kind: 'server.check' } });
      const done = await waitFor(() => db.run.findUniqueOrThrow({ where: { id: run.id } }), (r) => r.status === 'failed');
      expect(done.error).toBe('PostgreSQL said no');
    } finally {
      await workers.close();
    }
  });

  it('cancels a queued run at once and a running one at its next heartbeat', async () => {
    const queued = await db.run.create({ data: { kind: 'server.check' } });
    expect((await cancelRun({ ctx, producer, input: { runId: queued.id } })).status).toBe('cancelled');

    let started = false;
    const processors = {
      'server.check': (async ({ handle }) => {
        started = true;
        while (!handle.signal.aborted) await sleep(50);
        handle.throwIfCancelled();
      }) as Processor,
    };
    process.env.CELLAR_HEARTBEAT_MS = '200';
    const workers = startWorkers({ db, logger, processors, redisUrl: redis.url, prefix: redis.prefix });
    try {
      const run = await createRun({ ctx, producer, input: { kind: 'server.check' } });
      await waitFor(() => Promise.resolve(started), (s) => s);
      await cancelRun({ ctx, producer, input: { runId: run.id } });
      const done = await waitFor(() => db.run.findUniqueOrThrow({ where: { id: run.id } }), (r) => r.status === 'cancelled');
      expect(done.status).toBe('cancelled');
    } finally {
      await workers.close();
    }
  });

  it('fails runs whose heartbeat went stale and leaves live ones alone', async () => {
    const old = new Date(Date.now() - 5 * 60_000);
    const stale = await db.run.create({ data: { kind: 'server.check', status: 'running', workerId: 'gone', startedAt: old, heartbeatAt: old } });
    const live = await db.run.create({ data: { kind: 'server.check', status: 'running', workerId: 'here', startedAt: new Date(), heartbeatAt: new Date() } });
    const result = await reconcileRuns(db, logger, 60_000);
    expect(result.failed).toContain(stale.id);
    expect(result.failed).not.toContain(live.id);
    const row = await db.run.findUniqueOrThrow({ where: { id: stale.id } });
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/stopped responding/);
  });

  it('lets an active job finish when the worker shuts down gracefully', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    const processors = {
      'server.check': (async () => {
        started = true;
        await gate;
        return { finished: true };
      }) as Processor,
    };
    const workers = startWorkers({ db, logger, processors, redisUrl: redis.url, prefix: redis.prefix });
    const run = await createRun({ ctx, producer, input: { kind: 'server.check' } });
    await waitFor(() => Promise.resolve(started), (s) => s);
    const closing = workers.close();
    await sleep(300);
    expect((await db.run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe('running');
    release();
    await closing;
    const done = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(done.status).toBe('succeeded');
    expect(done.result).toEqual({ finished: true });
  });

  it('keeps a job id per run so enqueueing twice does not duplicate work', async () => {
    const run = await db.run.create({ data: { kind: 'server.check' } });
    await producer.enqueue('server.check', { runId: run.id });
    await producer.enqueue('server.check', { runId: run.id });
    const queue = new Queue('maintenance', { connection: { url: redis.url }, prefix: redis.prefix });
    try {
      const jobs = await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed']);
      expect(jobs.filter((j) => j.id === `run-${run.id}`)).toHaveLength(1);
    } finally {
      await queue.close();
    }
  });
});
