import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestCatalog } from '../testing/catalog-fixture';
import type { Db } from '../db/client';
import { systemActor } from '../context';
import { actorOf, ctxFor, makeUser, resetAuthTables } from '../auth/auth-test-helpers';
import { recordAuditEvent } from './record-audit-event';
import { listAuditEvents } from './list-audit-events';
import { exportAuditEvents } from './export-audit-events';

let catalog: Awaited<ReturnType<typeof createTestCatalog>>;
let db: Db;

beforeAll(async () => {
  catalog = await createTestCatalog();
  db = catalog.db;
});
afterAll(async () => catalog.drop());
beforeEach(async () => resetAuthTables(db));

describe('recordAuditEvent', () => {
  it('writes actor, ip, user agent and request id from the ctx, and strips secrets from details', async () => {
    const ctx = ctxFor(
      db,
      { type: 'user', id: 'u-1', name: 'alice', role: 'operator' },
      { ip: '203.0.113.1', userAgent: 'curl/8' },
    );
    await recordAuditEvent(ctx, {
      action: 'server.update',
      targetType: 'server',
      targetId: 'main',
      outcome: 'success',
      details: {
        changed: ['conninfo'],
        password: 'hunter2hunter2',
        ssh: { privateKey: '-----BEGIN KEY', user: 'postgres' },
        conninfo: 'host=db password=hunter2',
        size: 5n,
      },
    });
    const row = await db.auditEvent.findFirstOrThrow();
    expect(row).toMatchObject({
      actorType: 'user',
      actorId: 'u-1',
      actorName: 'alice',
      action: 'server.update',
      targetType: 'server',
      targetId: 'main',
      outcome: 'success',
      ip: '203.0.113.1',
      userAgent: 'curl/8',
      requestId: ctx.requestId,
    });
    expect(row.details).toEqual({
      changed: ['conninfo'],
      ssh: { user: 'postgres' },
      conninfo: 'host=db password=[redacted]',
      size: '5',
    });
    expect(JSON.stringify(row.details)).not.toContain('hunter2');
  });

  it('commits with the transaction it is given, and rolls back with it', async () => {
    await db
      .$transaction(async (tx) => {
        await recordAuditEvent({ ...ctxFor(db), db: tx }, { action: 'x.rolled_back', outcome: 'success' });
        throw new Error('abort');
      })
      .catch(() => undefined);
    expect(await db.auditEvent.count()).toBe(0);
  });
});

async function seed(): Promise<void> {
  const alice = { type: 'user' as const, id: 'a', name: 'alice', role: 'admin' as const };
  const aliceToken = { type: 'token' as const, id: 't', name: 'alice/ci', role: 'viewer' as const };
  const bob = { type: 'user' as const, id: 'b', name: 'bob', role: 'operator' as const };
  const rows: [
    typeof alice | typeof bob | typeof aliceToken,
    string,
    'success' | 'failure' | 'denied',
    string?,
  ][] = [
    [alice, 'server.create', 'success', 'main'],
    [bob, 'server.update', 'failure', 'main'],
    [aliceToken, 'backup.start', 'success', 'main'],
    [bob, 'servers.weird', 'success'],
    [alice, 'auth.login', 'denied'],
  ];
  for (const [actor, action, outcome, targetId] of rows) {
    await recordAuditEvent(ctxFor(db, actor), {
      action,
      outcome,
      targetType: targetId ? 'server' : undefined,
      targetId,
    });
  }
}

describe('listAuditEvents', () => {
  it('filters by actor (with their tokens), action family, target, outcome and time', async () => {
    const root = await makeUser(db, 'root', 'admin');
    const ctx = ctxFor(db, actorOf(root));
    await seed();
    const actions = async (input: Record<string, unknown>) =>
      (await listAuditEvents({ ctx, input })).events.map((e) => e.action);
    expect(await actions({ actor: 'alice' })).toEqual(['auth.login', 'backup.start', 'server.create']);
    expect(await actions({ action: 'server' })).toEqual(['server.update', 'server.create']);
    expect(await actions({ action: 'server.update' })).toEqual(['server.update']);
    expect(await actions({ targetType: 'server', targetId: 'main', outcome: 'success' })).toEqual([
      'backup.start',
      'server.create',
    ]);
    expect(await actions({ from: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    expect(await actions({ to: new Date(Date.now() + 60_000).toISOString(), actor: 'bob' })).toEqual([
      'servers.weird',
      'server.update',
    ]);
  });

  it('pages newest first with a string cursor, and caps the page size at 200', async () => {
    const root = await makeUser(db, 'root', 'admin');
    const ctx = ctxFor(db, actorOf(root));
    for (let i = 0; i < 7; i++)
      await recordAuditEvent(ctxFor(db, systemActor), { action: `job.n${i}`, outcome: 'success' });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listAuditEvents({ ctx, input: { action: 'job', limit: '3', cursor } });
      for (const e of page.events) {
        expect(typeof e.id).toBe('string');
        seen.push(e.action);
      }
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(['job.n6', 'job.n5', 'job.n4', 'job.n3', 'job.n2', 'job.n1', 'job.n0']);
    const page = await listAuditEvents({ ctx, input: {} });
    expect(() => JSON.stringify(page)).not.toThrow();

    await expect(listAuditEvents({ ctx, input: { limit: 201 } })).rejects.toMatchObject({
      code: 'validation_failed',
      details: { fields: { limit: ['Ask for at most 200 events per page.'] } },
    });
    await expect(listAuditEvents({ ctx, input: { cursor: 'abc' } })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('is readable and exportable by a viewer, and the export is itself recorded', async () => {
    const vince = await makeUser(db, 'vince', 'viewer');
    const viewerCtx = ctxFor(db, actorOf(vince));
    await recordAuditEvent(ctxFor(db), { action: 'server.create', targetType: 'server', targetId: 'pg1', outcome: 'success' });
    const page = await listAuditEvents({ ctx: viewerCtx, input: { limit: 5 } });
    expect(page.events.length).toBeGreaterThan(0);
    const chunks = await exportAuditEvents({ ctx: viewerCtx, input: { actor: 'vince' } });
    for await (const _chunk of chunks) void _chunk;
    const exported = await db.auditEvent.findFirst({ where: { action: 'audit.export', actorName: 'vince' } });
    expect(exported?.outcome).toBe('success');
  });
});

describe('exportAuditEvents', () => {
  it('streams every matching event as CSV across batches, and audits the export', async () => {
    const root = await makeUser(db, 'root', 'admin');
    await db.auditEvent.createMany({
      data: Array.from({ length: 1203 }, (_, i) => ({
        actorType: 'system' as const,
        actorName: 'cellar',
        action: `bulk.${i}`,
        outcome: 'success' as const,
      })),
    });
    await recordAuditEvent(ctxFor(db), {
      action: 'other.thing',
      outcome: 'success',
      details: { note: 'a, "quoted"\nline' },
    });
    const chunks: string[] = [];
    for await (const chunk of await exportAuditEvents({
      ctx: ctxFor(db, actorOf(root)),
      input: { action: 'bulk' },
    }))
      chunks.push(chunk);
    const lines = chunks.join('').split('\r\n');
    expect(lines[0]).toMatch(/^id,at,actorType,/);
    expect(lines).toHaveLength(1 + 1203 + 1);
    expect(lines[1]).toContain(',bulk.1202,');
    expect(lines[1203]).toContain(',bulk.0,');
    expect(await db.auditEvent.count({ where: { action: 'audit.export', actorName: 'root' } })).toBe(1);

    const all: string[] = [];
    for await (const chunk of await exportAuditEvents({
      ctx: ctxFor(db, actorOf(root)),
      input: { action: 'other' },
    }))
      all.push(chunk);
    expect(all.join('')).toContain('"{""note"":""a, \\""quoted\\""\\nline""}"');
  });
});
