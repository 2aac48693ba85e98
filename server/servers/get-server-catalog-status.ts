import type { Ctx } from '../context';
import type { ServerCatalogStatus } from '../contracts/server-status';
import { findServer } from './find-server';

type BackupCounts = { available: bigint; failed: bigint; total: bigint; stored: bigint | null };
type WalTotals = { timeline: number; segments: bigint; missing: bigint; size: bigint; stored_size: bigint };

/** Barman's `status` from the catalog alone: backups, redundancy, the WAL archive and its rate. */
export async function getServerCatalogStatus({ ctx, input }: { ctx: Ctx; input: { server: string } }): Promise<ServerCatalogStatus> {
  const s = await findServer(ctx, input.server);
  const now = Date.now();
  const available = { serverId: s.id, status: { in: ['DONE' as const, 'WAITING_FOR_WALS' as const] } };
  const select = { backupId: true, endTime: true } as const;
  const [counts, first, last, totals, lastWal, lastHour, lastDay, restorePoints] = await Promise.all([
    ctx.db.$queryRaw<BackupCounts[]>`
      SELECT count(*) FILTER (WHERE status IN ('DONE', 'WAITING_FOR_WALS')) AS available, count(*) FILTER (WHERE status = 'FAILED') AS failed,
             count(*) AS total, sum(deduplicated_size) AS stored
      FROM backups WHERE server_id = ${s.id}::uuid`,
    ctx.db.backup.findFirst({ where: available, orderBy: { backupId: 'asc' }, select }),
    ctx.db.backup.findFirst({ where: available, orderBy: { backupId: 'desc' }, select }),
    ctx.db.$queryRaw<WalTotals[]>`
      SELECT timeline, segments, GREATEST(0, last_segno - first_segno + 1 - segments) AS missing, size, stored_size
      FROM wal_archive_totals WHERE server_id = ${s.id}::uuid AND segments > 0 ORDER BY timeline`,
    ctx.db.walSegment.findFirst({ where: { serverId: s.id, kind: 'segment' }, orderBy: { archivedAt: 'desc' }, select: { name: true, archivedAt: true, source: true } }),
    ctx.db.walSegment.count({ where: { serverId: s.id, kind: 'segment', archivedAt: { gte: new Date(now - 3_600_000) } } }),
    ctx.db.walSegment.count({ where: { serverId: s.id, kind: 'segment', archivedAt: { gte: new Date(now - 86_400_000) } } }),
    ctx.db.restorePoint.count({ where: { serverId: s.id } }),
  ]);
  const c = counts[0];
  const availableCount = Number(c?.available ?? 0n);
  const sum = (pick: (t: WalTotals) => bigint) => totals.reduce((acc, t) => acc + Number(pick(t)), 0);
  const point = (b: { backupId: string; endTime: Date | null } | null) => (b ? { backupId: b.backupId, endTime: b.endTime?.toISOString() ?? null } : null);
  return {
    serverName: s.name,
    description: s.description,
    active: s.enabled,
    pgVersion: s.pgVersion,
    systemId: s.systemId,
    backupMethod: s.backupMethod,
    retentionPolicy: s.retentionPolicy,
    minimumRedundancy: s.minimumRedundancy,
    redundancy: { available: availableCount, minimum: s.minimumRedundancy, satisfied: availableCount >= s.minimumRedundancy },
    backups: { available: availableCount, failed: Number(c?.failed ?? 0n), total: Number(c?.total ?? 0n), first: point(first), last: point(last), storedSize: Number(c?.stored ?? 0n) },
    wal: {
      segments: sum((t) => t.segments),
      timelines: totals.map((t) => t.timeline),
      missingSegments: sum((t) => t.missing),
      size: sum((t) => t.size),
      storedSize: sum((t) => t.stored_size),
      lastArchived: lastWal ? { name: lastWal.name, archivedAt: lastWal.archivedAt.toISOString(), source: lastWal.source } : null,
      lastHour,
      lastDay,
      restorePoints,
    },
    archivers: { streaming: s.streamingArchiver, push: s.pushArchiver, slotName: s.slotName },
  };
}
