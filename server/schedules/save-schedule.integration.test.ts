import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Ctx } from '../context';
import { createScheduleInput, type CreateScheduleInput } from '../contracts/schedules';
import { producerConnection, workerConnection } from '../queue/redis';
import { createTestCatalog, testRedis, type TestCatalog } from '../testing/catalog-fixture';
import { listSchedules } from './list-schedules';
import { createSchedule, deleteSchedule, updateSchedule } from './save-schedule';
import { registeredSchedulers, scheduleSchedulerId, schedulerQueue } from './scheduler-queue';

// Saving schedules against a real catalog and a real Redis: what is refused and why, the job
// scheduler kept in step with the row, and nothing half-saved when Redis is away.

describe('saving schedules', () => {
  let catalog: TestCatalog;
  let ctx: Ctx;
  let queue: ReturnType<typeof schedulerQueue>;
  let deadQueue: ReturnType<typeof schedulerQueue>;
  const body = (extra: Partial<CreateScheduleInput> = {}) => createScheduleInput.parse({ kind: 'backup', name: 'nightly', cron: '0 1 * * *', timezone: 'Europe/Paris', ...extra });

  beforeAll(async () => {
    catalog = await createTestCatalog();
    ctx = { db: catalog.db, actor: { ...systemActor, type: 'user', name: 'olga', role: 'operator' }, requestId: randomUUID(), log: pino({ level: 'silent' }) };
    await catalog.db.server.create({ data: { name: 'db1', conninfo: 'host=127.0.0.1 port=1', compression: 'lz4' } });
    const redis = testRedis();
    queue = schedulerQueue(workerConnection(redis.url), redis.prefix);
    const dead = producerConnection('redis://127.0.0.1:1');
    dead.on('error', () => undefined);
    deadQueue = schedulerQueue(dead, redis.prefix);
    deadQueue.on('error', () => undefined);
  });
  afterAll(async () => {
    await queue?.close();
    await deadQueue?.close().catch(() => undefined);
    await catalog?.drop();
  });

  it('registers a job scheduler whose next run is the expression’s, in its time zone', async () => {
    const view = await createSchedule({ ctx, queue, input: { server: 'db1', body: body() } });
    expect(view).toMatchObject({ name: 'nightly', registered: true, createdBy: 'olga', overdueSince: null, lastFiring: null });
    const next = new Date(view.nextRunAt ?? '');
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(next)).toBe('01:00');
    const scheduler = (await registeredSchedulers(queue)).get(scheduleSchedulerId(view.id));
    expect(scheduler).toMatchObject({ pattern: '0 1 * * *', tz: 'Europe/Paris', next: next.getTime() });
    const audit = await catalog.db.auditEvent.findFirstOrThrow({ where: { action: 'schedule.create' } });
    expect(audit.targetId).toBe('db1/nightly');
  });

  it('refuses a bad expression, time zone, level or a taken name, saying which field', async () => {
    await expect(createSchedule({ ctx, queue, input: { server: 'db1', body: body({ name: 'x', cron: '0 25 * * *' }) } })).rejects.toMatchObject({ code: 'validation_failed', details: { fields: { cron: [expect.stringMatching(/is not a cron expression/)] } } });
    await expect(createSchedule({ ctx, queue, input: { server: 'db1', body: body({ name: 'x', timezone: 'Moon/Base' }) } })).rejects.toMatchObject({ details: { fields: { timezone: [expect.stringMatching(/not a time zone/)] } } });
    await expect(createSchedule({ ctx, queue, input: { server: 'db1', body: body({ name: 'x', options: { compressionLevel: 5 } }) } })).rejects.toMatchObject({ details: { fields: { 'options.compressionLevel': [expect.stringMatching(/lz4 takes no compression level/)] } } });
    await expect(createSchedule({ ctx, queue, input: { server: 'db1', body: body() } })).rejects.toMatchObject({ details: { fields: { name: [expect.stringMatching(/already has a schedule named "nightly"/)] } } });
    const viewer = { ...ctx, actor: { ...ctx.actor, role: 'viewer' as const } };
    await expect(createSchedule({ ctx: viewer, queue, input: { server: 'db1', body: body({ name: 'y' }) } })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await listSchedules({ ctx: viewer, queue, input: { server: 'db1' } })).schedules.map((s) => s.name)).toEqual(['nightly']);
  });

  it('keeps the scheduler in step with changes, switching off and deletion', async () => {
    const [view] = (await listSchedules({ ctx, queue, input: { server: 'db1' } })).schedules;
    const id = view?.id ?? '';
    const changed = await updateSchedule({ ctx, queue, input: { server: 'db1', id, body: { cron: '30 2 * * 1-5', timezone: 'UTC' } } });
    expect((await registeredSchedulers(queue)).get(scheduleSchedulerId(id))).toMatchObject({ pattern: '30 2 * * 1-5', tz: 'UTC', next: new Date(changed.nextRunAt ?? '').getTime() });
    const off = await updateSchedule({ ctx, queue, input: { server: 'db1', id, body: { enabled: false } } });
    expect(off).toMatchObject({ enabled: false, nextRunAt: null, registered: false });
    await updateSchedule({ ctx, queue, input: { server: 'db1', id, body: { enabled: true } } });
    expect((await registeredSchedulers(queue)).has(scheduleSchedulerId(id))).toBe(true);
    await deleteSchedule({ ctx, queue, input: { server: 'db1', id } });
    expect((await registeredSchedulers(queue)).has(scheduleSchedulerId(id))).toBe(false);
    expect(await catalog.db.schedule.count()).toBe(0);
  });

  it('saves nothing, and says so with a 503, when Redis is unreachable', async () => {
    await expect(createSchedule({ ctx, queue: deadQueue, input: { server: 'db1', body: body({ name: 'offline' }) } })).rejects.toMatchObject({ code: 'unavailable' });
    expect(await catalog.db.schedule.count()).toBe(0);
    const saved = await createSchedule({ ctx, queue, input: { server: 'db1', body: body({ name: 'online' }) } });
    await expect(updateSchedule({ ctx, queue: deadQueue, input: { server: 'db1', id: saved.id, body: { cron: '0 5 * * *' } } })).rejects.toMatchObject({ code: 'unavailable' });
    expect(await catalog.db.schedule.findUniqueOrThrow({ where: { id: saved.id } })).toMatchObject({ cron: '0 1 * * *' });
    await expect(deleteSchedule({ ctx, queue: deadQueue, input: { server: 'db1', id: saved.id } })).rejects.toMatchObject({ code: 'unavailable' });
    expect(await catalog.db.schedule.count()).toBe(1);
    const listed = await listSchedules({ ctx, queue: deadQueue, input: { server: 'db1' } });
    expect(listed.schedules[0]).toMatchObject({ registered: null, nextRunAt: expect.any(String) as string });
  });
});
