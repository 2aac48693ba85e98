import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from '../testing/catalog-fixture';
import { insertHistoryRow, insertWalRows } from '../testing/wal-rows';

// The running totals the fleet dashboard reads (console migration): kept by triggers through
// inserts, deletes (retention removes the oldest), updates and truncation, and always equal to
// what a full aggregation of wal_segments says.

let catalog: TestCatalog;
let serverId: string;

beforeAll(async () => {
  catalog = await createTestCatalog();
});
afterAll(() => catalog.drop());
beforeEach(async () => {
  await catalog.db.walSegment.deleteMany();
  await catalog.db.server.deleteMany();
  serverId = (await catalog.db.server.create({ data: { name: 'totals', conninfo: 'host=x' } })).id;
});

type Totals = {
  timeline: number;
  segments: bigint;
  first_segno: bigint | null;
  last_segno: bigint | null;
  size: bigint;
  stored_size: bigint;
};

const totals = () =>
  catalog.db.$queryRaw<
    Totals[]
  >`SELECT timeline, segments, first_segno, last_segno, size, stored_size FROM wal_archive_totals WHERE segments > 0 ORDER BY timeline`;
const recomputed = () =>
  catalog.db.$queryRaw<Totals[]>`
    SELECT timeline, count(*)::bigint AS segments, min(segno) AS first_segno, max(segno) AS last_segno, sum(size)::bigint AS size, sum(stored_size)::bigint AS stored_size
    FROM wal_segments WHERE kind = 'segment' GROUP BY timeline ORDER BY timeline`;

describe('wal_archive_totals', () => {
  it('adds inserted segments per timeline and leaves history files out', async () => {
    await insertWalRows(catalog.db, serverId, [
      { timeline: 1, from: 10n, to: 19n, startMs: 0, everyMs: 1000 },
      { timeline: 2, from: 19n, to: 24n, startMs: 20_000, everyMs: 1000 },
    ]);
    await insertHistoryRow(catalog.db, serverId, 2);
    expect(await totals()).toEqual(await recomputed());
    expect((await totals()).map((t) => [t.timeline, t.segments, t.first_segno, t.last_segno])).toEqual([
      [1, 10n, 10n, 19n],
      [2, 6n, 19n, 24n],
    ]);
  });

  it('shows a gap as fewer segments than the span between first and last', async () => {
    await insertWalRows(catalog.db, serverId, [
      { timeline: 1, from: 1n, to: 20n, startMs: 0, everyMs: 1000, skip: [7n, 8n, 9n] },
    ]);
    const [t] = await totals();
    expect(Number((t?.last_segno ?? 0n) - (t?.first_segno ?? 0n) + 1n - (t?.segments ?? 0n))).toBe(3);
  });

  it('subtracts deletions and finds the new bounds, as retention removing the oldest does', async () => {
    await insertWalRows(catalog.db, serverId, [
      { timeline: 1, from: 1n, to: 50n, startMs: 0, everyMs: 1000 },
    ]);
    await catalog.db.walSegment.deleteMany({ where: { segno: { lt: 21n } } });
    await catalog.db.walSegment.deleteMany({ where: { segno: 50n } });
    expect(await totals()).toEqual(await recomputed());
    expect((await totals())[0]).toMatchObject({ segments: 29n, first_segno: 21n, last_segno: 49n });
  });

  it('moves a row whose size or timeline changes, and clears on truncate', async () => {
    await insertWalRows(catalog.db, serverId, [{ timeline: 1, from: 1n, to: 5n, startMs: 0, everyMs: 1000 }]);
    const row = await catalog.db.walSegment.findFirstOrThrow({ where: { segno: 3n } });
    await catalog.db.walSegment.update({ where: { id: row.id }, data: { storedSize: 1n } });
    await catalog.db.walSegment.update({ where: { id: row.id }, data: { commits: 12 } });
    expect(await totals()).toEqual(await recomputed());
    await catalog.db.$executeRaw`TRUNCATE wal_segments`;
    expect(await catalog.db.$queryRaw<unknown[]>`SELECT * FROM wal_archive_totals`).toEqual([]);
  });

  it('goes with the server when the server is deleted', async () => {
    await insertWalRows(catalog.db, serverId, [{ timeline: 1, from: 1n, to: 2n, startMs: 0, everyMs: 1000 }]);
    await catalog.db.walSegment.deleteMany();
    await catalog.db.server.delete({ where: { id: serverId } });
    expect(await catalog.db.$queryRaw<unknown[]>`SELECT * FROM wal_archive_totals`).toEqual([]);
  });
});
