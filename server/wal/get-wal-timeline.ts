import type { Ctx } from '../context';
import {
  walTimelineQuery,
  type WalTimelineGap,
  type WalTimelineQuery,
  type WalTimelineView,
} from '../contracts/wal';
import type { Db } from '../db/client';
import { walSegmentName } from '../pg/wal-name';
import { findServer } from '../servers/find-server';
import { bucketSeconds } from './wal-timeline-bucket';

type BucketRow = {
  bucket: Date;
  segments: bigint;
  size: bigint;
  stored_size: bigint;
  min_tl: number;
  max_tl: number;
};
type TotalRow = { timeline: number; first_segno: bigint | null; missing: bigint };
type GapRow = { timeline: number; segno: bigint; next: bigint; after: Date; before: Date };

const weekMs = 7 * 86_400_000;

/**
 * Segments per bucket, read from the (server, archived_at) index alone (it includes the sizes).
 * date_part is double precision: extract() is numeric and made this six times slower.
 */
function buckets(db: Db, serverId: string, from: Date, to: Date, seconds: number): Promise<BucketRow[]> {
  return db.$queryRaw<BucketRow[]>`
    SELECT to_timestamp(floor(date_part('epoch', archived_at) / ${seconds}) * ${seconds}) AS bucket,
           count(*) AS segments, sum(size) AS size, sum(stored_size) AS stored_size, min(timeline) AS min_tl, max(timeline) AS max_tl
    FROM wal_segments
    WHERE server_id = ${serverId}::uuid AND kind = 'segment' AND archived_at >= ${from} AND archived_at < ${to}
    GROUP BY 1 ORDER BY 1`;
}

/** Holes are looked for only on timelines whose running totals say they have one. */
async function gaps(db: Db, serverId: string, totals: TotalRow[]): Promise<WalTimelineGap[]> {
  const holed = totals.filter((t) => t.missing > 0n).map((t) => t.timeline);
  if (!holed.length) return [];
  const rows = await db.$queryRaw<GapRow[]>`
    SELECT timeline, segno, next, after, before FROM (
      SELECT timeline, segno, archived_at AS after,
             lead(segno) OVER w AS next, lead(archived_at) OVER w AS before
      FROM wal_segments WHERE server_id = ${serverId}::uuid AND kind = 'segment' AND timeline = ANY(${holed}::int[])
      WINDOW w AS (PARTITION BY timeline ORDER BY segno)
    ) s WHERE next > segno + 1 ORDER BY timeline, segno LIMIT 200`;
  return rows.map((r) => ({
    timeline: r.timeline,
    from: walSegmentName({ timeline: r.timeline, segno: r.segno + 1n }),
    to: walSegmentName({ timeline: r.timeline, segno: r.next - 1n }),
    missing: Number(r.next - r.segno - 1n),
    after: r.after.toISOString(),
    before: r.before.toISOString(),
  }));
}

/**
 * The WAL archive of one server over a window, for the console's timeline chart: segments and
 * bytes per bucket, holes, timeline switches, restore points and backups. A few hundred rows
 * whatever the archive's size; the segments themselves never leave the catalog.
 */
export async function getWalTimeline({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { server: string; query: WalTimelineQuery };
}): Promise<WalTimelineView> {
  const server = await findServer(ctx, input.server);
  const q = walTimelineQuery.parse(input.query);
  const where = { serverId: server.id, kind: 'segment' as const };
  const first = await ctx.db.walSegment.findFirst({
    where,
    orderBy: { archivedAt: 'asc' },
    select: { archivedAt: true },
  });
  const to = q.to ?? new Date();
  const from =
    q.whole === '1' && first
      ? new Date(Math.min(first.archivedAt.getTime(), to.getTime() - 3_600_000))
      : (q.from ?? new Date(to.getTime() - weekMs));
  const seconds = bucketSeconds(from.getTime(), to.getTime(), q.buckets);
  const [rows, totals, last, points, backups] = await Promise.all([
    buckets(ctx.db, server.id, from, to, seconds),
    ctx.db.$queryRaw<TotalRow[]>`
      SELECT timeline, first_segno, GREATEST(0, last_segno - first_segno + 1 - segments) AS missing
      FROM wal_archive_totals WHERE server_id = ${server.id}::uuid AND segments > 0 ORDER BY timeline`,
    ctx.db.walSegment.findFirst({ where, orderBy: { archivedAt: 'desc' }, select: { archivedAt: true } }),
    ctx.db.restorePoint.findMany({
      where: { serverId: server.id, time: { gte: from, lt: to } },
      orderBy: { time: 'asc' },
      take: 500,
    }),
    // The newest 500 when a long window holds more: recent backups matter most on the chart.
    ctx.db.backup.findMany({
      where: {
        serverId: server.id,
        OR: [{ beginTime: { gte: from, lt: to } }, { endTime: { gte: from, lt: to } }],
      },
      orderBy: { backupId: 'desc' },
      take: 500,
      select: { backupId: true, name: true, status: true, beginTime: true, endTime: true },
    }),
  ]);
  const [holes, switches] = await Promise.all([
    gaps(ctx.db, server.id, totals),
    timelineSwitches(ctx.db, server.id, totals),
  ]);
  return {
    serverName: server.name,
    from: from.toISOString(),
    to: to.toISOString(),
    bucketSeconds: seconds,
    buckets: rows.map((r) => ({
      start: r.bucket.toISOString(),
      segments: Number(r.segments),
      size: Number(r.size),
      storedSize: Number(r.stored_size),
      timelines: r.min_tl === r.max_tl ? [r.min_tl] : [r.min_tl, r.max_tl],
    })),
    firstArchivedAt: first?.archivedAt.toISOString() ?? null,
    lastArchivedAt: last?.archivedAt.toISOString() ?? null,
    gaps: holes,
    timelineSwitches: switches,
    restorePoints: points.map((p) => ({
      name: p.name,
      timeline: p.timeline,
      lsn: p.lsn,
      time: p.time.toISOString(),
      segment: p.segment,
    })),
    backups: backups
      .reverse()
      .map((b) => ({
        backupId: b.backupId,
        name: b.name,
        status: b.status,
        beginTime: b.beginTime?.toISOString() ?? null,
        endTime: b.endTime?.toISOString() ?? null,
      })),
  };
}

async function timelineSwitches(
  db: Db,
  serverId: string,
  totals: TotalRow[],
): Promise<WalTimelineView['timelineSwitches']> {
  const later = totals.slice(1).filter((t) => t.first_segno !== null);
  return Promise.all(
    later.map(async (t) => {
      const segment = await db.walSegment.findFirst({
        where: { serverId, timeline: t.timeline, segno: t.first_segno ?? 0n, kind: 'segment' },
        select: { name: true, archivedAt: true },
      });
      return {
        timeline: t.timeline,
        firstSegment: segment?.name ?? walSegmentName({ timeline: t.timeline, segno: t.first_segno ?? 0n }),
        at: segment?.archivedAt.toISOString() ?? null,
      };
    }),
  );
}
