import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Ctx } from '../context';
import { createTestCatalog, type TestCatalog } from '../testing/catalog-fixture';
import { insertBackupRows } from '../testing/backup-rows';
import { insertWalRows } from '../testing/wal-rows';
import { listBackups } from './list-backups';

// The catalog page of the console: sorted, filtered and paged in SQL, with `total`, and each
// backup's "WAL after" (Barman's list-backups WAL Size) from the archive.

let catalog: TestCatalog;
let ctx: Ctx;
const day = 86_400_000;
const t0 = Date.parse('2026-11-01T02:00:00Z');

beforeAll(async () => {
  catalog = await createTestCatalog();
  ctx = { db: catalog.db, actor: systemActor, requestId: randomUUID(), log: pino({ level: 'silent' }) };
  const { id } = await catalog.db.server.create({ data: { name: 'pg1', conninfo: 'host=x' } });
  // Ten daily backups, each ending in segment 10·i + 2; the third failed; the fifth is kept and named.
  await insertBackupRows(
    catalog.db,
    id,
    Array.from({ length: 10 }, (_, i) => ({
      at: new Date(t0 + i * day),
      status: i === 2 ? ('FAILED' as const) : ('DONE' as const),
      name: i === 4 ? 'monthly-november' : undefined,
      keep: i === 4 ? ('full' as const) : undefined,
      size: BigInt(1000 + ((i * 37) % 10) * 100),
      beginSegno: BigInt(10 * i + 1),
      endSegno: BigInt(10 * i + 2),
    })),
  );
  // Segments 1..100 every 2.4 hours, with 55 and 56 missing.
  await insertWalRows(catalog.db, id, [{ timeline: 1, from: 1n, to: 100n, startMs: t0, everyMs: day / 10, skip: [55n, 56n] }]);
});
afterAll(() => catalog.drop());

const list = (query: Parameters<typeof listBackups>[0]['input']['query']) => listBackups({ ctx, input: { server: 'pg1', query } });

describe('listBackups', () => {
  it('pages newest first with a total', async () => {
    const page = await list({ limit: 4, offset: 4 });
    expect(page.total).toBe(10);
    expect(page.backups.map((b) => b.backupId)).toEqual(['20261106T020000', '20261105T020000', '20261104T020000', '20261103T020000']);
  });

  it('sorts on any column on the server, ties broken newest first', async () => {
    const bySize = await list({ sort: 'size', order: 'asc', limit: 3 });
    expect(bySize.backups.map((b) => b.size)).toEqual([1000, 1100, 1200]);
    const failedLast = await list({ sort: 'size', order: 'desc', limit: 10 });
    expect(failedLast.backups.at(-1)?.status).toBe('FAILED');
  });

  it('filters by status, name or id, begin time and keep', async () => {
    expect((await list({ status: 'FAILED' })).backups.map((b) => b.backupId)).toEqual(['20261103T020000']);
    expect((await list({ search: 'MONTHLY' })).backups.map((b) => b.name)).toEqual(['monthly-november']);
    expect((await list({ search: '20261107' })).total).toBe(1);
    expect((await list({ kept: 'yes' })).total).toBe(1);
    expect((await list({ kept: 'no' })).total).toBe(9);
    const window = await list({ from: new Date(t0 + 2 * day), to: new Date(t0 + 4 * day) });
    expect(window.total).toBe(3);
  });

  it("counts the WAL archived after each backup up to the next restorable one's beginning", async () => {
    const page = await list({ limit: 10 });
    const after = Object.fromEntries(page.backups.map((b) => [b.backupId, b.walUntilNext]));
    // 2nd backup ends in 12; the 3rd failed, so the next restorable begins in 31: segments 13..30.
    expect(after['20261102T020000']).toEqual({ segments: 18, size: 18 * 16 * 1024 * 1024 });
    // 6th ends in 52, 7th begins in 61: 53..60 without the missing 55 and 56.
    expect(after['20261106T020000']?.segments).toBe(6);
    // The newest: everything after its end (93..100).
    expect(after['20261110T020000']?.segments).toBe(8);
    expect(after['20261103T020000']).toBeNull();
  });

  it('refuses a cursor with another order, and an inverted time window', async () => {
    await expect(list({ cursor: '20261105T020000', sort: 'size' })).rejects.toThrow(/cursor pages the default order/);
    await expect(list({ from: new Date(t0 + day), to: new Date(t0) })).rejects.toThrow(/From must not be after To/);
  });
});
