import { readdir } from 'node:fs/promises';
import type { Ctx } from '../context';
import type { WalChannelView, WalStatusView } from '../contracts/wal';
import { findServer } from '../servers/find-server';
import { findWalGaps } from './find-wal-gaps';
import { errorsDir } from './wal-layout';
import { receiverView } from './receiver/receiver-view';

/** The archive of a server at a glance: size, timelines, last file per channel, gaps, rate, refusals. */
export async function getWalStatus({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { server: string; root: string };
}): Promise<WalStatusView> {
  const server = await findServer(ctx, input.server);
  const where = { serverId: server.id };
  const dayAgo = new Date(Date.now() - 86_400_000);
  const [totals, timelines, last, channels, gaps, recent, errorFiles, restorePoints, receiver] =
    await Promise.all([
      ctx.db.walSegment.groupBy({
        by: ['kind'],
        where,
        _count: { _all: true },
        _sum: { size: true, storedSize: true },
      }),
      ctx.db.walSegment.groupBy({
        by: ['timeline'],
        where: { ...where, kind: 'segment' },
        _count: { _all: true },
        _min: { name: true },
        _max: { name: true },
        orderBy: { timeline: 'asc' },
      }),
      ctx.db.walSegment.findFirst({
        where: { ...where, kind: 'segment' },
        orderBy: [{ timeline: 'desc' }, { segno: 'desc' }],
        select: { name: true, archivedAt: true, source: true },
      }),
      lastPerChannel(ctx, server.id),
      findWalGaps(ctx.db, server.id),
      ctx.db.walSegment.count({ where: { ...where, kind: 'segment', archivedAt: { gte: dayAgo } } }),
      readdir(errorsDir(input.root, server.name)).catch(() => [] as string[]),
      ctx.db.restorePoint.count({ where }),
      ctx.db.walReceiver.findUnique({ where }),
    ]);
  const of = (kind: string) => totals.find((t) => t.kind === kind);
  return {
    serverName: server.name,
    segments: of('segment')?._count._all ?? 0,
    historyFiles: of('history')?._count._all ?? 0,
    partialFiles: of('partial')?._count._all ?? 0,
    size: totals.reduce((sum, t) => sum + Number(t._sum.size ?? 0n), 0),
    storedSize: totals.reduce((sum, t) => sum + Number(t._sum.storedSize ?? 0n), 0),
    timelines: timelines.map((t) => ({
      timeline: t.timeline,
      first: t._min.name ?? '',
      last: t._max.name ?? '',
      segments: t._count._all,
    })),
    lastArchived: last
      ? { name: last.name, archivedAt: last.archivedAt.toISOString(), source: last.source }
      : null,
    channels,
    gaps,
    walRatePerHour: recent / 24,
    errorFiles: errorFiles.sort(),
    restorePoints,
    receiver: receiverView(server, receiver),
  };
}

async function lastPerChannel(ctx: Ctx, serverId: string): Promise<WalChannelView[]> {
  const groups = await ctx.db.walSegment.groupBy({
    by: ['source'],
    where: { serverId, kind: 'segment' },
    _count: { _all: true },
    _max: { archivedAt: true },
  });
  return Promise.all(
    groups.map(async (g) => {
      const lastRow = await ctx.db.walSegment.findFirst({
        where: { serverId, kind: 'segment', source: g.source },
        orderBy: { archivedAt: 'desc' },
        select: { name: true, archivedAt: true },
      });
      return {
        source: g.source as WalChannelView['source'],
        lastName: lastRow?.name ?? '',
        lastArchivedAt: (lastRow?.archivedAt ?? new Date(0)).toISOString(),
        count: g._count._all,
      };
    }),
  );
}
