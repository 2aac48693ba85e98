import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../context';
import { createTestCatalog, testRedis, type TestCatalog } from '../testing/catalog-fixture';
import { insertBackupRows } from '../testing/backup-rows';
import { createProducer, type Producer } from '../queue/producer';
import { jobIdForRun } from '../queue/jobs';
import { getRun } from './get-run';
import { retryRun } from './retry-run';

// Retrying a run: a new run of the same kind and input, queued, pointing at the original and
// audited; refused for kinds that are not retried (restores), for runs that did not fail, and
// through the same checks a fresh request meets.

let catalog: TestCatalog;
let producer: Producer;
let serverId: string;
const redis = testRedis();
const actor = (role: 'viewer' | 'operator' | 'admin') => ({ type: 'user' as const, id: null, name: `a-${role}`, role });
const ctxAs = (role: 'viewer' | 'operator' | 'admin'): Ctx => ({ db: catalog.db, actor: actor(role), requestId: randomUUID(), log: pino({ level: 'silent' }) });

async function finishedRun(kind: string, status: 'failed' | 'cancelled' | 'succeeded', input: object = {}) {
  return catalog.db.run.create({ data: { kind, status, serverId, input, error: status === 'failed' ? 'boom' : null, finishedAt: new Date() } });
}

beforeAll(async () => {
  catalog = await createTestCatalog();
  producer = createProducer({ redisUrl: redis.url, prefix: redis.prefix });
  serverId = (await catalog.db.server.create({ data: { name: 'pg1', conninfo: 'host=x' } })).id;
});
afterAll(async () => {
  await producer.close();
  await catalog.drop();
});

describe('retryRun', () => {
  it('queues a failed backup again with the same options, and audits it', async () => {
    const original = await finishedRun('backup.run', 'failed', { checkpoint: 'spread', compression: 'lz4' });
    const retried = await retryRun({ ctx: ctxAs('operator'), producer, input: { runId: original.id } });
    expect(retried).toMatchObject({ kind: 'backup.run', status: 'queued', retryOf: original.id, input: { checkpoint: 'spread', compression: 'lz4' }, requestedBy: 'a-operator' });
    const queue = new Queue('backups', { connection: { url: redis.url }, prefix: redis.prefix });
    const job = await queue.getJob(jobIdForRun(retried.id));
    await queue.close();
    expect(job?.data).toEqual({ runId: retried.id });
    expect((await getRun({ ctx: ctxAs('viewer'), input: { runId: original.id } })).retriedAs).toEqual([retried.id]);
    const audit = await catalog.db.auditEvent.findFirstOrThrow({ where: { action: 'run.retry', targetId: original.id } });
    expect(audit.details).toMatchObject({ kind: 'backup.run', newRunId: retried.id });
    // The retry is running now: a second retry meets the "already queued" refusal of a fresh backup.
    await expect(retryRun({ ctx: ctxAs('operator'), producer, input: { runId: original.id } })).rejects.toMatchObject({ code: 'conflict', message: /already queued/ });
  });

  it('retries a cancelled check, but not a run that succeeded', async () => {
    const cancelled = await finishedRun('server.check', 'cancelled');
    expect((await retryRun({ ctx: ctxAs('operator'), producer, input: { runId: cancelled.id } })).kind).toBe('server.check');
    const done = await finishedRun('server.check', 'succeeded');
    await expect(retryRun({ ctx: ctxAs('operator'), producer, input: { runId: done.id } })).rejects.toMatchObject({ code: 'conflict', message: /only a failed or cancelled run/ });
  });

  it('does not retry restores, and keeps each kind to the roles that may start it', async () => {
    const restore = await finishedRun('restore.run', 'failed');
    await expect(retryRun({ ctx: ctxAs('admin'), producer, input: { runId: restore.id } })).rejects.toMatchObject({ code: 'conflict', message: /not retried from here/ });
    const rebuild = await finishedRun('wal.rebuild', 'failed');
    await expect(retryRun({ ctx: ctxAs('operator'), producer, input: { runId: rebuild.id } })).rejects.toMatchObject({ code: 'forbidden' });
    const check = await finishedRun('server.check', 'failed');
    await expect(retryRun({ ctx: ctxAs('viewer'), producer, input: { runId: check.id } })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('refuses to verify a backup that is gone', async () => {
    const [backupId] = await insertBackupRows(catalog.db, serverId, [{ at: new Date('2026-11-01T00:00:00Z') }]);
    const backup = await catalog.db.backup.findFirstOrThrow({ where: { backupId } });
    const verify = await finishedRun('backup.verify', 'failed', { backupUuid: backup.id, backupId });
    const again = await retryRun({ ctx: ctxAs('operator'), producer, input: { runId: verify.id } });
    expect(again.input).toEqual({ backupUuid: backup.id, backupId });
    await catalog.db.backup.delete({ where: { id: backup.id } });
    await expect(retryRun({ ctx: ctxAs('operator'), producer, input: { runId: verify.id } })).rejects.toMatchObject({ code: 'conflict', message: /has been deleted/ });
  });
});
