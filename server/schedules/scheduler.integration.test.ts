import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateScheduleData } from '../contracts/schedules';
import { missingMajorReason } from '../local/postgres-binaries';
import { useBackupFixture } from '../testing/backup-fixture';
import { testRedis } from '../testing/catalog-fixture';
import { startPostgres, type PostgresServer } from '../testing/postgres-server';
import { workerConnection } from '../queue/redis';
import { occurrencesBetween } from './cron';
import { fireSchedule } from './fire-schedule';
import { createSchedule, updateSchedule } from './save-schedule';
import { syncSchedules } from './sync-schedules';
import { registeredSchedulers, scheduleSchedulerId, schedulerQueue } from './scheduler-queue';
import { startScheduler, type RunningScheduler } from './start-scheduler';

// Schedules on real BullMQ Job Schedulers in a real Redis, firing real backups of a real
// PostgreSQL 15. The clock is the real one, with schedules every few seconds (cron with a
// seconds field), and every expectation is checked against the occurrences cron-parser
// computes for the schedule: each one fired on time, or reported missed, exactly once.

const major = 15;
const missing = missingMajorReason(major);
const repoRoot = path.resolve(import.meta.dirname, '../..');
const graceMs = 1500;
const quiet = pino({ level: 'silent' });

describe.skipIf(missing)('schedules on BullMQ job schedulers', () => {
  const fx = useBackupFixture();
  let pg: PostgresServer;
  let server: { id: string; name: string };
  let queue: ReturnType<typeof schedulerQueue>;
  const children: ChildProcess[] = [];

  const startInProcess = (workerId: string): Promise<RunningScheduler> => {
    const redis = testRedis();
    return startScheduler({ db: fx.ctx.db, logger: quiet, root: fx.root, producer: fx.producer, redisUrl: redis.url, prefix: redis.prefix, graceMs, tasks: [], workerId });
  };
  const schedule = async (name: string, cron: string) => {
    const body: CreateScheduleData = { kind: 'backup', name, cron, timezone: 'UTC', enabled: true, catchUp: true, options: { checkpoint: 'fast', compression: 'lz4' } };
    return createSchedule({ ctx: fx.ctx, queue, input: { server: server.name, body } });
  };
  const firings = (scheduleId: string) => fx.ctx.db.scheduleFiring.findMany({ where: { scheduleId }, orderBy: { scheduledFor: 'asc' } });
  const quiesce = async () => {
    for (const deadline = Date.now() + 60_000; await fx.ctx.db.run.count({ where: { kind: 'backup.run', status: { in: ['queued', 'running'] } } }); await sleep(200))
      if (Date.now() > deadline) throw new Error('backups still running');
  };

  /** Every occurrence from the first firing to the last has exactly one row, and no row is for anything else. */
  const assertAccounted = async (scheduleId: string, cron: string) => {
    const rows = await firings(scheduleId);
    expect(rows.length).toBeGreaterThan(1);
    const first = rows[0]?.scheduledFor ?? new Date();
    const expected = [first, ...occurrencesBetween(cron, 'UTC', first, rows.at(-1)?.scheduledFor ?? first)].map((d) => d.toISOString());
    expect(rows.map((r) => r.scheduledFor.toISOString())).toEqual(expected);
    const started = rows.filter((r) => r.outcome === 'started');
    expect(new Set(started.map((r) => r.runId)).size).toBe(started.length);
    const runs = await fx.ctx.db.run.findMany({ where: { kind: 'backup.run', requestedBy: { startsWith: 'schedule ' } } });
    const ours = runs.filter((r) => started.some((s) => s.runId === r.id));
    expect(ours).toHaveLength(started.length);
    const backups = await fx.ctx.db.backup.groupBy({ by: ['runId'], where: { runId: { in: ours.map((r) => r.id) } }, _count: true });
    expect(backups.every((b) => b._count === 1)).toBe(true);
    return rows;
  };

  beforeAll(async () => {
    pg = await startPostgres({ major });
    server = await fx.addServer(pg, { compression: 'lz4' });
    const redis = testRedis();
    queue = schedulerQueue(workerConnection(redis.url), redis.prefix);
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await queue?.close();
    await pg?.destroy();
  });

  it('fires each occurrence on time, once, as a backup run of the schedule', async () => {
    const scheduler = await startInProcess('in-process-1');
    const s = await schedule('every-3s', '*/3 * * * * *');
    await sleep(10_500);
    await updateSchedule({ ctx: fx.ctx, queue, input: { server: server.name, id: s.id, body: { enabled: false } } });
    await scheduler.close();
    const rows = await assertAccounted(s.id, s.cron);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) {
      expect(['started', 'skipped']).toContain(r.outcome);
      expect(r.firedAt.getTime() - r.scheduledFor.getTime(), `${r.scheduledFor.toISOString()} fired late`).toBeLessThan(graceMs);
      expect(r.scheduledFor.getTime() % 3000).toBe(0);
    }
    expect(rows.some((r) => r.outcome === 'started')).toBe(true);
    await quiesce();
    const done = await fx.ctx.db.run.findFirstOrThrow({ where: { id: rows.find((r) => r.outcome === 'started')?.runId ?? '' } });
    expect(done).toMatchObject({ status: 'succeeded', requestedBy: 'schedule every-3s' });
  });

  it('reports the occurrences missed while no worker ran, and catches up once', async () => {
    let scheduler = await startInProcess('in-process-2');
    const s = await schedule('every-2s', '*/2 * * * * *');
    await sleep(3_000);
    await scheduler.close();
    await quiesce();
    await sleep(7_000); // three or four occurrences pass with nobody to take them
    scheduler = await startInProcess('in-process-3');
    await sleep(3_000);
    await updateSchedule({ ctx: fx.ctx, queue, input: { server: server.name, id: s.id, body: { enabled: false } } });
    await scheduler.close();
    const rows = await assertAccounted(s.id, s.cron);
    const late = rows.filter((r) => r.message?.startsWith('Ran '));
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ outcome: 'started', workerId: 'in-process-3' });
    const missed = rows.filter((r) => r.outcome === 'missed');
    expect(missed.length).toBeGreaterThanOrEqual(2);
    expect(missed.every((m) => m.message?.includes('one late run caught up'))).toBe(true);
    await quiesce();
  });

  it('two worker processes never fire an occurrence twice; one killed and replaced loses none', async () => {
    const redis = testRedis();
    const env = {
      ...process.env,
      DATABASE_URL: fx.catalog.url,
      REDIS_URL: redis.url,
      CELLAR_QUEUE_PREFIX: redis.prefix,
      CELLAR_REPOSITORY: fx.root,
      CELLAR_SECRET_KEY: fx.masterKey,
      // A worker killed while it knew of the next due job leaves it to the others' next poll (a second).
      CELLAR_SCHEDULE_GRACE_SECONDS: '3',
      LOG_LEVEL: 'warn',
    };
    const launch = () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'workers/jobs.ts'], { cwd: repoRoot, env, stdio: 'ignore' });
      children.push(child);
      return child;
    };
    const schedulerWorkers = async (count: number) => {
      for (const deadline = Date.now() + 60_000; (await queue.getWorkers()).length < count; await sleep(250))
        if (Date.now() > deadline) throw new Error(`fewer than ${count} scheduler workers came up`);
    };
    launch();
    launch();
    await schedulerWorkers(2);
    const s = await schedule('every-4s', '*/4 * * * * *');
    await sleep(12_000);
    // Kill the process that fired last, so the kill hits one that takes part.
    const last = await fx.ctx.db.scheduleFiring.findFirstOrThrow({ where: { scheduleId: s.id }, orderBy: { scheduledFor: 'desc' } });
    const victim = children.find((c) => last.workerId?.endsWith(`:${c.pid}`));
    expect(victim).toBeDefined();
    victim?.kill('SIGKILL');
    await sleep(3_000);
    launch();
    await schedulerWorkers(2);
    await sleep(12_000);
    await updateSchedule({ ctx: fx.ctx, queue, input: { server: server.name, id: s.id, body: { enabled: false } } });
    await sleep(12_000); // a job the killed worker held is handed on once its lock lapses
    const rows = await assertAccounted(s.id, s.cron);
    expect(rows.length).toBeGreaterThanOrEqual(6);
    expect(new Set(rows.map((r) => r.workerId)).size).toBeGreaterThanOrEqual(2);
    expect(rows.filter((r) => r.outcome === 'missed')).toEqual([]);
    // The workers finish what they started: a backup left running would make the next tests' occurrences skipped.
    await quiesce();
    for (const child of children) child.kill('SIGTERM');
  }, 180_000);

  it('starts one run for an occurrence delivered twice at once (a stalled job, two workers)', async () => {
    const s = await schedule('twice', '0 3 * * *');
    await updateSchedule({ ctx: fx.ctx, queue, input: { server: server.name, id: s.id, body: { enabled: false } } });
    await fx.ctx.db.schedule.update({ where: { id: s.id }, data: { enabled: true } });
    const occurrence = new Date(Date.now() - 500);
    const fire = (workerId: string) => fireSchedule({ ctx: fx.ctx, producer: fx.producer, input: { scheduleId: s.id, scheduledFor: occurrence, now: new Date(), workerId, graceMs } });
    const results = await Promise.all([fire('a'), fire('b'), fire('c')]);
    const runIds = new Set(results.map((r) => r.runId));
    expect(runIds.size).toBe(1);
    expect(await fx.ctx.db.scheduleFiring.count({ where: { scheduleId: s.id } })).toBe(1);
    expect(await fx.ctx.db.run.count({ where: { requestedBy: 'schedule twice' } })).toBe(1);
    await fx.ctx.db.schedule.update({ where: { id: s.id }, data: { enabled: false } });
    await quiesce();
  });

  it('puts back a job scheduler Redis lost, reporting the occurrences that went unfired', async () => {
    const s = await schedule('lost', '*/2 * * * * *');
    await queue.removeJobScheduler(scheduleSchedulerId(s.id)); // as if Redis had lost its data
    await sleep(5_000);
    const synced = await syncSchedules({ ctx: fx.ctx, queue, producer: fx.producer, input: { now: new Date(), workerId: 'sync', graceMs } });
    expect(synced.registered).toContain('lost');
    expect(synced.missed).toBeGreaterThanOrEqual(1);
    expect((await registeredSchedulers(queue)).has(scheduleSchedulerId(s.id))).toBe(true);
    const rows = await firings(s.id);
    expect(rows.filter((r) => r.outcome === 'missed').length).toBe(synced.missed);
    expect(rows.filter((r) => r.outcome === 'started')).toHaveLength(1);
    await updateSchedule({ ctx: fx.ctx, queue, input: { server: server.name, id: s.id, body: { enabled: false } } });
    expect((await registeredSchedulers(queue)).has(scheduleSchedulerId(s.id))).toBe(false);
    await quiesce();
  });

  it('accounts for a late occurrence under a controlled clock: missed ones recorded, one catch-up or none', async () => {
    const hourly = await schedule('hourly', '0 * * * *');
    const noCatchUp = await schedule('hourly-strict', '30 * * * *');
    for (const s of [hourly, noCatchUp]) await updateSchedule({ ctx: fx.ctx, queue, input: { server: server.name, id: s.id, body: { enabled: false } } });
    await fx.ctx.db.schedule.updateMany({ where: { id: { in: [hourly.id, noCatchUp.id] } }, data: { enabled: true, coveredUntil: new Date('2026-12-01T10:00:30Z') } });
    await fx.ctx.db.schedule.update({ where: { id: noCatchUp.id }, data: { catchUp: false } });
    const now = new Date('2026-12-01T14:20:00Z');
    const fire = (scheduleId: string, scheduledFor: string) => fireSchedule({ ctx: fx.ctx, producer: fx.producer, input: { scheduleId, scheduledFor: new Date(scheduledFor), now, workerId: 'clock', graceMs } });

    const late = await fire(hourly.id, '2026-12-01T11:00:00Z');
    expect(late).toMatchObject({ outcome: 'started', missed: 3 });
    const rows = await firings(hourly.id);
    expect(rows.map((r) => [r.scheduledFor.toISOString().slice(11, 16), r.outcome])).toEqual([['11:00', 'started'], ['12:00', 'missed'], ['13:00', 'missed'], ['14:00', 'missed']]);
    expect(rows[0]?.message).toBe('Ran 200 min late: no worker took it at the scheduled time (workers down or busy).');
    expect((await fx.ctx.db.schedule.findUniqueOrThrow({ where: { id: hourly.id } })).coveredUntil.toISOString()).toBe(now.toISOString());

    const strict = await fire(noCatchUp.id, '2026-12-01T10:30:00Z');
    expect(strict).toMatchObject({ outcome: 'missed', runId: null, missed: 3 });
    expect((await firings(noCatchUp.id)).every((r) => r.outcome === 'missed' && r.runId === null)).toBe(true);
    // The same occurrence again (a second delivery) changes nothing.
    expect(await fire(hourly.id, '2026-12-01T11:00:00Z')).toMatchObject({ outcome: 'started', runId: late.runId, missed: 0 });
    expect(await fx.ctx.db.scheduleFiring.count({ where: { scheduleId: hourly.id } })).toBe(4);
    await fx.ctx.db.schedule.updateMany({ where: { id: { in: [hourly.id, noCatchUp.id] } }, data: { enabled: false } });
    await quiesce();
  });
});
