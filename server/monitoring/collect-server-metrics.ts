import type { Db } from '../db/client';
import { findWalGaps } from '../wal/find-wal-gaps';
import type { MetricFamily, MetricSample } from './prometheus-text';

type LastBackup = { server_id: string; begin_time: Date | null; end_time: Date | null; size: bigint | null };
type LatestCheck = { server_id: string; checked_at: Date; name: string; status: string };

const seconds = (d: Date) => d.getTime() / 1000;

/**
 * Per-server families: the last backup (age, size, duration), backups by status, stored bytes,
 * the WAL archive (newest segment, age, rate, gaps), and each check of the latest report.
 * A handful of grouped queries whatever the number of servers, plus one gap query each.
 */
export async function collectServerMetrics(db: Db, now: Date): Promise<MetricFamily[]> {
  const servers = await db.server.findMany({ select: { id: true, name: true, enabled: true }, orderBy: { name: 'asc' } });
  const name = new Map(servers.map((s) => [s.id, s.name]));
  const label = (id: string, extra: Record<string, string> = {}) => ({ server: name.get(id) ?? id, ...extra });
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const [lastBackups, byStatus, storedBackups, wal, walRecent, checks] = await Promise.all([
    db.$queryRaw<LastBackup[]>`
      SELECT DISTINCT ON (server_id) server_id::text, begin_time, end_time, size FROM backups
       WHERE status IN ('DONE', 'WAITING_FOR_WALS') ORDER BY server_id, backup_id DESC`,
    db.backup.groupBy({ by: ['serverId', 'status'], _count: { _all: true } }),
    db.backup.groupBy({ by: ['serverId'], _sum: { storedSize: true } }),
    db.walSegment.groupBy({ by: ['serverId'], where: { kind: 'segment' }, _count: { _all: true }, _max: { archivedAt: true }, _sum: { storedSize: true } }),
    db.walSegment.groupBy({ by: ['serverId'], where: { kind: 'segment', archivedAt: { gte: dayAgo } }, _count: { _all: true } }),
    db.$queryRaw<LatestCheck[]>`
      SELECT r.server_id::text, r.checked_at, c.name, c.status::text FROM (
        SELECT DISTINCT ON (server_id) id, server_id, checked_at FROM check_reports ORDER BY server_id, checked_at DESC, id DESC
      ) r JOIN check_results c ON c.report_id = r.id ORDER BY r.server_id, c.position`,
  ]);
  const gaps = await Promise.all(servers.map(async (s) => ({ id: s.id, missing: (await findWalGaps(db, s.id)).reduce((n, g) => n + g.missing, 0) })));
  const withEnd = lastBackups.filter((b) => b.end_time);
  const checkTimes = new Map(checks.map((c) => [c.server_id, c.checked_at]));
  const recent = new Map(walRecent.map((w) => [w.serverId, w._count._all]));
  return [
    gauge('cellar_server_enabled', 'Whether the server is enabled (1) or disabled (0); checks and alerts ignore disabled servers.', servers.map((s) => ({ labels: { server: s.name }, value: s.enabled ? 1 : 0 }))),
    gauge('cellar_server_last_backup_timestamp_seconds', 'End time of the latest backup whose copy is done (DONE or WAITING_FOR_WALS), Unix seconds.', withEnd.map((b) => ({ labels: label(b.server_id), value: seconds(b.end_time as Date) }))),
    gauge('cellar_server_last_backup_age_seconds', 'Seconds since the latest backup ended.', withEnd.map((b) => ({ labels: label(b.server_id), value: Math.max(0, seconds(now) - seconds(b.end_time as Date)) }))),
    gauge('cellar_server_last_backup_size_bytes', 'Size of the latest backup (the data as PostgreSQL holds it).', lastBackups.map((b) => ({ labels: label(b.server_id), value: Number(b.size ?? 0n) }))),
    gauge('cellar_server_last_backup_duration_seconds', 'How long the latest backup took, from begin to end.', withEnd.filter((b) => b.begin_time).map((b) => ({ labels: label(b.server_id), value: seconds(b.end_time as Date) - seconds(b.begin_time as Date) }))),
    gauge('cellar_server_backups', 'Backups in the catalog by status.', byStatus.map((g) => ({ labels: label(g.serverId, { status: g.status }), value: g._count._all }))),
    gauge('cellar_server_stored_bytes', 'Bytes the server takes in the repository, by kind (backups after compression and deduplication, WAL after compression).', [
      ...storedBackups.map((g) => ({ labels: label(g.serverId, { kind: 'backups' }), value: Number(g._sum.storedSize ?? 0n) })),
      ...wal.map((g) => ({ labels: label(g.serverId, { kind: 'wal' }), value: Number(g._sum.storedSize ?? 0n) })),
    ]),
    gauge('cellar_server_wal_segments', 'WAL segments in the archive.', wal.map((g) => ({ labels: label(g.serverId), value: g._count._all }))),
    gauge('cellar_server_wal_last_archived_timestamp_seconds', 'When the newest WAL segment was archived, Unix seconds.', wal.filter((g) => g._max.archivedAt).map((g) => ({ labels: label(g.serverId), value: seconds(g._max.archivedAt as Date) }))),
    gauge('cellar_server_wal_lag_seconds', 'Seconds since the newest WAL segment was archived: how far the archive trails a server that writes.', wal.filter((g) => g._max.archivedAt).map((g) => ({ labels: label(g.serverId), value: Math.max(0, seconds(now) - seconds(g._max.archivedAt as Date)) }))),
    gauge('cellar_server_wal_rate_segments_per_hour', 'WAL segments archived per hour, averaged over the last 24 hours.', wal.map((g) => ({ labels: label(g.serverId), value: (recent.get(g.serverId) ?? 0) / 24 }))),
    gauge('cellar_server_wal_missing_segments', 'Segments missing between archived ones (gaps), over all timelines.', gaps.map((g) => ({ labels: label(g.id), value: g.missing }))),
    gauge('cellar_check_status', "Each check of the server's latest report: 1 OK, 0 FAILED (Barman's check names).", checks.map((c) => ({ labels: label(c.server_id, { check: c.name }), value: c.status === 'OK' ? 1 : 0 }))),
    gauge('cellar_server_last_check_timestamp_seconds', 'When the latest check report was made, Unix seconds.', [...checkTimes].map(([id, at]) => ({ labels: label(id), value: seconds(at) }))),
  ];
}

export function gauge(name: string, help: string, samples: MetricSample[]): MetricFamily {
  return { name, help, type: 'gauge', samples };
}
