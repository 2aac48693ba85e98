import { readdir } from 'node:fs/promises';
import type { Ctx } from '../context';
import type { WalChannelView, WalStatusView } from '../contracts/wal';
import { findServer } from '../servers/find-server';
import { findWalGaps } from './find-wal-gaps';
import { errorsDir } from './wal-layout';
import { receiverView } from './receiver/receiver-view';

// The WAL tab polls this every few seconds, and one server may hold half a million segments:
// every figure comes from the totals the triggers keep (wal_archive_totals), an index range, or
// a handful of index lookups, never from a pass over every segment. Gaps are looked for only
// when the totals say a timeline has one.

const channelWindowMs = 7 * 86_400_000;

/** The archive of a server at a glance: size, timelines, last file per channel, gaps, rate, refusals. */
export async function getWalStatus({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { server: string; root: string };
}): Promise<WalStatusView> {
  const server = await findServer(ctx, input.server);
  const serverId = server.id;
  const now = Date.now();
  const [totals, others, last, channels, recent, errorFiles, restorePoints, receiver] = await Promise.all([
    ctx.db.walArchiveTotal.findMany({
      where: { serverId, segments: { gt: 0 } },
      orderBy: { timeline: 'asc' },
    }),
    ctx.db.walSegment.groupBy({
      by: ['kind'],
      where: { serverId, kind: { in: ['history', 'backup_history', 'partial'] } },
      _count: { _all: true },
      _sum: { size: true, storedSize: true },
    }),
    ctx.db.walSegment.findFirst({
      where: { serverId, kind: 'segment' },
      orderBy: [{ timeline: 'desc' }, { segno: 'desc' }],
      select: { name: true, archivedAt: true, source: true },
    }),
    recentChannels(ctx, serverId, new Date(now - channelWindowMs)),
    ctx.db.walSegment.count({
      where: { serverId, kind: 'segment', archivedAt: { gte: new Date(now - 86_400_000) } },
    }),
    readdir(errorsDir(input.root, server.name)).catch(() => [] as string[]),
    ctx.db.restorePoint.count({ where: { serverId } }),
    ctx.db.walReceiver.findUnique({ where: { serverId } }),
  ]);
  const nameAt = async (timeline: number, segno: bigint | null) =>
    segno === null
      ? ''
      : ((
          await ctx.db.walSegment.findFirst({
            where: { serverId, timeline, segno, kind: 'segment' },
            select: { name: true },
          })
        )?.name ?? '');
  const timelines = await Promise.all(
    totals.map(async (t) => ({
      timeline: t.timeline,
      first: await nameAt(t.timeline, t.firstSegno),
      last: await nameAt(t.timeline, t.lastSegno),
      segments: Number(t.segments),
    })),
  );
  const holed = totals.some(
    (t) => t.firstSegno !== null && t.lastSegno !== null && t.lastSegno - t.firstSegno + 1n > t.segments,
  );
  const of = (kind: string) => others.find((o) => o.kind === kind);
  const sum = (pick: (t: (typeof totals)[number]) => bigint, other: 'size' | 'storedSize') =>
    totals.reduce((n, t) => n + Number(pick(t)), 0) +
    others.reduce((n, o) => n + Number(o._sum[other] ?? 0n), 0);
  return {
    serverName: server.name,
    segments: totals.reduce((n, t) => n + Number(t.segments), 0),
    historyFiles: of('history')?._count._all ?? 0,
    partialFiles: of('partial')?._count._all ?? 0,
    size: sum((t) => t.size, 'size'),
    storedSize: sum((t) => t.storedSize, 'storedSize'),
    timelines,
    lastArchived: last
      ? { name: last.name, archivedAt: last.archivedAt.toISOString(), source: last.source }
      : null,
    channels,
    gaps: holed ? await findWalGaps(ctx.db, serverId) : [],
    walRatePerHour: recent / 24,
    errorFiles: errorFiles.sort(),
    restorePoints,
    receiver: receiverView(server, receiver),
  };
}

/** Each channel that delivered a segment in the last week: its newest file and how many came. */
async function recentChannels(ctx: Ctx, serverId: string, since: Date): Promise<WalChannelView[]> {
  const where = { serverId, kind: 'segment' as const, archivedAt: { gte: since } };
  const groups = await ctx.db.walSegment.groupBy({ by: ['source'], where, _count: { _all: true } });
  return Promise.all(
    groups.map(async (g) => {
      const newest = await ctx.db.walSegment.findFirst({
        where: { ...where, source: g.source },
        orderBy: { archivedAt: 'desc' },
        select: { name: true, archivedAt: true },
      });
      return {
        source: g.source as WalChannelView['source'],
        lastName: newest?.name ?? '',
        lastArchivedAt: (newest?.archivedAt ?? since).toISOString(),
        count: g._count._all,
      };
    }),
  );
}
