import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Ctx } from '../context';
import type { PlanRestoreInput } from '../contracts/recovery';
import { walSegmentName } from '../pg/wal-name';
import { createTestCatalog, type TestCatalog } from '../testing/catalog-fixture';
import { seedWalCatalog, type SeededArchive } from '../testing/wal-catalog-seed';
import { collectWindowMetrics } from '../monitoring/collect-window-metrics';
import { getRecoveryWindow } from './get-recovery-window';
import { planRestore } from './plan-restore';

// The recoverable window and target planning over a catalog of 500,000 archived segments
// (timeline 1 with a gap, timeline 2 branching off, three backups): every answer exact, computed
// from wal_segment_blocks and the few blocks that need detail. bench:plan times the same calls.

const name = (timeline: number, segno: bigint) => walSegmentName({ timeline, segno });

describe('recovery window and planning over 500,000 archived segments', () => {
  let catalog: TestCatalog;
  let root: string;
  let ctx: Ctx;
  let seed: SeededArchive;

  beforeAll(async () => {
    catalog = await createTestCatalog();
    root = await mkdtemp(path.join(os.tmpdir(), 'cellar-scale-'));
    ctx = { db: catalog.db, actor: systemActor, requestId: 'scale', log: pino({ level: 'silent' }) };
    seed = await seedWalCatalog(catalog.db, root, 500_000);
  }, 300_000);
  afterAll(async () => {
    await catalog?.drop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  const plan = (request: PlanRestoreInput) => planRestore({ ctx, root, input: { server: seed.serverName, plan: request } });
  const at = (segno: bigint, plusMs = 5000) => new Date(seed.commitsOf(segno).first.getTime() + plusMs).toISOString();

  it('has one block row per 256 segment numbers, agreeing with the segments', async () => {
    expect(seed.segments).toBe(500_000);
    expect(await blocksDisagreeing(catalog)).toEqual([]);
    const blocks = await catalog.db.walSegmentBlock.aggregate({ where: { serverId: seed.serverId }, _count: { _all: true }, _sum: { segments: true } });
    expect(blocks._sum.segments).toBe(500_000);
    expect(blocks._count._all).toBeLessThan(2100);
  });

  it('shows each timeline’s window: ranges cut by the gap, the gap, restore points, activity', async () => {
    const [b0, , b2] = seed.backups;
    const window = await getRecoveryWindow({ ctx, root, input: { server: seed.serverName, buckets: 48 } });
    expect(window.latestTimeline).toBe(2);
    const [one, two] = window.timelines;
    expect(one?.ranges.map((r) => [r.backupId, r.from.segment, r.to.segment])).toEqual([
      [b0?.backupId, name(1, b0!.endSeg), name(1, seed.gapFrom - 1n)],
      [b2?.backupId, name(1, b2!.endSeg), name(1, seed.t1Last)],
    ]);
    expect(one?.ranges[0]?.xids).toEqual({ first: String(1000n + b0!.endSeg * 100n), last: String(1000n + (seed.gapFrom - 1n) * 100n + 99n) });
    expect(one?.ranges[1]?.latestTime).toBe(seed.commitsOf(seed.t1Last).last.toISOString());
    expect(one?.gaps).toEqual([{ from: name(1, seed.gapFrom), to: name(1, seed.gapFrom + 2n), missing: 3 }]);
    expect(one?.restorePoints.map((p) => [p.name, p.reachable])).toEqual([['early', true], ['late', true]]);
    const reachable = Number(seed.gapFrom - 1n - b0!.endSeg + 1n) + Number(seed.t1Last - b2!.endSeg + 1n);
    expect(one?.activity.reduce((n, b) => n + b.transactions, 0)).toBe(reachable * 100);
    expect(two?.ranges.map((r) => r.to.segment)).toEqual([name(1, seed.gapFrom - 1n), name(2, seed.t2Last)]);
    expect(two?.history).toEqual([{ timeline: 1, switchLsn: expect.any(String) as string }, { timeline: 2, switchLsn: null }]);
  });

  it('plans time targets to the exact segment, with the newest backup that reaches them', async () => {
    const [, b1, b2] = seed.backups;
    const onOne = await plan({ target: { kind: 'time', time: at(300_000n) } });
    expect(onOne).toMatchObject({ ok: true, backup: { backupId: b2?.backupId }, stop: { segment: name(1, 300_000n) } });
    expect(onOne.wal).toMatchObject({ first: name(1, b2!.beginSeg), last: name(1, 300_001n), segments: Number(300_001n - b2!.beginSeg + 1n) });
    expect((await plan({ target: { kind: 'time', time: at(420_000n) } })).stop?.segment).toBe(name(2, 420_000n));
    const older = await plan({ target: { kind: 'time', time: at(150_000n) } });
    expect(older).toMatchObject({ ok: true, backup: { backupId: b1?.backupId }, stop: { segment: name(1, 150_000n) } });
    const exclusive = await plan({ target: { kind: 'time', time: seed.commitsOf(150_000n).last.toISOString() }, inclusive: false });
    expect(exclusive.stop?.segment).toBe(name(1, 150_000n));
  });

  it('plans LSN, restore point, latest and immediate targets, and refuses what is out of reach', async () => {
    const [b0] = seed.backups;
    expect((await plan({ target: { kind: 'lsn', lsn: '61A/80010000' } })).stop?.segment).toBe(name(2, 400_000n));
    expect(await plan({ target: { kind: 'name', name: 'early' } })).toMatchObject({ ok: true, backup: { backupId: b0?.backupId }, stop: { segment: name(1, 100n) } });
    expect((await plan({ target: { kind: 'name', name: 'late' } })).stop?.segment).toBe(name(1, seed.gapFrom + 150n));
    expect((await plan({ target: { kind: 'latest' } })).stop?.segment).toBe(name(2, seed.t2Last));
    expect((await plan({ target: { kind: 'latest' }, timeline: 1 })).stop?.segment).toBe(name(1, seed.t1Last));
    expect((await plan({ target: { kind: 'immediate' } })).stop?.segment).toBe(name(1, seed.backups[2]!.endSeg));
    const inGap = await plan({ target: { kind: 'time', time: at(seed.gapFrom + 1n) } });
    expect(inGap.problems[0]).toMatchObject({ code: 'gap', message: expect.stringContaining(`${name(1, seed.gapFrom)} is missing`) as string });
    expect((await plan({ target: { kind: 'time', time: new Date(seed.commitsOf(seed.t2Last).last.getTime() + 60_000).toISOString() } })).problems[0]?.code).toBe('beyond_archive');
    expect((await plan({ target: { kind: 'time', time: '2025-12-31T00:00:00Z' } })).problems[0]?.code).toBe('before_backup');
  });

  it('gives /metrics the window of the latest timeline, as the window API shows it', async () => {
    const window = await getRecoveryWindow({ ctx, root, input: { server: seed.serverName, timeline: 2, buckets: 1 } });
    const ranges = window.timelines[0]?.ranges ?? [];
    expect(ranges.length).toBeGreaterThan(0);
    const started = performance.now();
    const families = await collectWindowMetrics(ctx, root);
    expect(performance.now() - started).toBeLessThan(5_000);
    const value = (name: string) => families.find((f) => f.name === name)?.samples.find((s) => s.labels?.server === seed.serverName)?.value;
    expect(value('cellar_server_recovery_window_start_timestamp_seconds')).toBe(Date.parse(ranges[0]?.earliestTime ?? '') / 1000);
    expect(value('cellar_server_recovery_window_end_timestamp_seconds')).toBe(Date.parse(ranges.at(-1)?.latestTime ?? '') / 1000);
  });

  it('keeps the blocks exact as segments are deleted, changed and added', async () => {
    const victim = (segno: bigint) => ({ serverId: seed.serverId, timeline: 1, segno });
    await catalog.db.walSegment.deleteMany({ where: { serverId: seed.serverId, timeline: 1, segno: { gte: 1000n, lte: 1004n } } });
    await catalog.db.walSegment.updateMany({ where: victim(5000n), data: { lastCommit: new Date('2030-01-01T00:00:00Z'), lastXid: 9n ** 12n, indexedAt: null } });
    await catalog.db.walSegment.deleteMany({ where: { serverId: seed.serverId, timeline: 1, segno: { gte: 7936n, lte: 8191n } } });
    await catalog.db.walSegment.create({ data: { ...victim(7940n), name: name(1, 7940n), size: 16n * 1024n * 1024n, storedSize: 1n, codec: 'zstd', checksum: 'x', source: 'push' } });
    expect(await blocksDisagreeing(catalog)).toEqual([]);
    const block = await catalog.db.walSegmentBlock.findUniqueOrThrow({ where: { serverId_timeline_block: { serverId: seed.serverId, timeline: 1, block: 31n } } });
    expect(block).toMatchObject({ segments: 1, firstSegno: 7940n, lastSegno: 7940n, unindexed: 1 });
    const window = await getRecoveryWindow({ ctx, root, input: { server: seed.serverName, timeline: 1, buckets: 4 } });
    expect(window.timelines[0]?.gaps.slice(0, 3)).toEqual([
      { from: name(1, 1000n), to: name(1, 1004n), missing: 5 },
      { from: name(1, 7936n), to: name(1, 7939n), missing: 4 },
      { from: name(1, 7941n), to: name(1, 8191n), missing: 251 },
    ]);
  });
});

/** Blocks whose row differs from the aggregate of their segments, both ways. */
async function blocksDisagreeing(catalog: TestCatalog): Promise<unknown[]> {
  return catalog.db.$queryRaw<unknown[]>`
    WITH truth AS (
      SELECT server_id, timeline, segno >> 8 AS block, count(*)::int AS segments, sum(size)::bigint AS bytes, min(segno) AS first_segno, max(segno) AS last_segno,
             min(first_commit) AS first_commit, max(last_commit) AS last_commit, min(first_xid) AS first_xid, max(last_xid) AS last_xid,
             sum(coalesce(commits, 0) + coalesce(aborts, 0))::bigint AS transactions, (count(*) FILTER (WHERE indexed_at IS NULL))::int AS unindexed
      FROM wal_segments WHERE kind = 'segment' GROUP BY 1, 2, 3
    ), stored AS (
      SELECT server_id, timeline, block, segments, bytes, first_segno, last_segno, first_commit, last_commit, first_xid, last_xid, transactions, unindexed FROM wal_segment_blocks
    )
    (SELECT 'missing' AS problem, * FROM (SELECT * FROM truth EXCEPT SELECT * FROM stored) a)
    UNION ALL
    (SELECT 'wrong' AS problem, * FROM (SELECT * FROM stored EXCEPT SELECT * FROM truth) b)
    LIMIT 5`;
}
