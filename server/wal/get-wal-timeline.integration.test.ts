import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Ctx } from '../context';
import { insertBackupRows } from '../testing/backup-rows';
import { createTestCatalog, type TestCatalog } from '../testing/catalog-fixture';
import { insertHistoryRow, insertWalRows } from '../testing/wal-rows';
import { getWalTimeline } from './get-wal-timeline';

// The WAL chart's data: a day of segments every 10 minutes on timeline 1, a promotion to
// timeline 2 at noon, three segments lost at 15:00, a restore point and two backups.

let catalog: TestCatalog;
let ctx: Ctx;
const dayStart = Date.parse('2026-11-20T00:00:00Z');
const min = 60_000;

beforeAll(async () => {
  catalog = await createTestCatalog();
  ctx = { db: catalog.db, actor: systemActor, requestId: randomUUID(), log: pino({ level: 'silent' }) };
  const { id } = await catalog.db.server.create({ data: { name: 'pg1', conninfo: 'host=x' } });
  await insertWalRows(catalog.db, id, [
    { timeline: 1, from: 100n, to: 171n, startMs: dayStart, everyMs: 10 * min },
    {
      timeline: 2,
      from: 171n,
      to: 242n,
      startMs: dayStart + 12 * 60 * min,
      everyMs: 10 * min,
      skip: [189n, 190n, 191n],
    },
  ]);
  await insertHistoryRow(catalog.db, id, 2, new Date(dayStart + 12 * 60 * min));
  await catalog.db.restorePoint.create({
    data: {
      serverId: id,
      name: 'before-migration',
      timeline: 1,
      lsn: '0/6A000100',
      time: new Date(dayStart + 6 * 60 * min),
      segment: '00000001000000000000006A',
    },
  });
  await insertBackupRows(catalog.db, id, [
    { at: new Date(dayStart + 60 * min) },
    { at: new Date(dayStart + 20 * 60 * min), status: 'FAILED' },
  ]);
});
afterAll(() => catalog.drop());

const timeline = (query: Parameters<typeof getWalTimeline>[0]['input']['query']) =>
  getWalTimeline({ ctx, input: { server: 'pg1', query } });

describe('getWalTimeline', () => {
  it('sums segments per bucket, never per segment', async () => {
    const t = await timeline({
      from: new Date(dayStart),
      to: new Date(dayStart + 24 * 60 * min),
      buckets: 24,
    });
    expect(t.bucketSeconds).toBe(3_600);
    expect(t.buckets).toHaveLength(24);
    expect(t.buckets.reduce((n, b) => n + b.segments, 0)).toBe(72 + 72 - 3);
    expect(t.buckets[0]).toMatchObject({
      start: '2026-11-20T00:00:00.000Z',
      segments: 6,
      size: 6 * 16 * 1024 * 1024,
      timelines: [1],
    });
    expect(t.buckets[12]?.timelines).toEqual([2]);
    expect(t.buckets[15]?.segments).toBe(3);
  });

  it('places the gap, the timeline switch, restore points and backups in time', async () => {
    const t = await timeline({ from: new Date(dayStart), to: new Date(dayStart + 24 * 60 * min) });
    expect(t.gaps).toEqual([
      {
        timeline: 2,
        from: '0000000200000000000000BD',
        to: '0000000200000000000000BF',
        missing: 3,
        after: new Date(dayStart + 12 * 60 * min + 17 * 10 * min).toISOString(),
        before: new Date(dayStart + 12 * 60 * min + 21 * 10 * min).toISOString(),
      },
    ]);
    expect(t.timelineSwitches).toEqual([
      {
        timeline: 2,
        firstSegment: '0000000200000000000000AB',
        at: new Date(dayStart + 12 * 60 * min).toISOString(),
      },
    ]);
    expect(t.restorePoints.map((p) => p.name)).toEqual(['before-migration']);
    expect(t.backups.map((b) => b.status)).toEqual(['DONE', 'FAILED']);
  });

  it('draws the whole archive when asked, and nothing outside it', async () => {
    const whole = await timeline({ whole: '1', to: new Date(dayStart + 48 * 60 * min) });
    expect(whole.from).toBe(new Date(dayStart).toISOString());
    expect(whole.firstArchivedAt).toBe(new Date(dayStart).toISOString());
    const before = await timeline({
      from: new Date(dayStart - 48 * 60 * min),
      to: new Date(dayStart - 24 * 60 * min),
    });
    expect(before.buckets).toEqual([]);
    await expect(timeline({ from: new Date(dayStart), to: new Date(dayStart - 1) })).rejects.toThrow(
      /From must be before To/,
    );
  });
});
