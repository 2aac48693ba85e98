import type { Db } from '../db/client';
import { Prisma } from '../db/generated/client';

/** All servers, or the one the server page asks about. */
const only = (serverId?: string) => (serverId ? Prisma.sql`WHERE s.id = ${serverId}::uuid` : Prisma.empty);

// The dashboard's reads, each an index lookup per server (LATERAL … LIMIT 1) or a read of the
// WAL running totals: their cost grows with the number of servers, not with the catalog.

export type CheckRow = { server_id: string; ok: boolean; checked_at: Date; failed: string[] | null };
export type BackupRow = {
  server_id: string;
  last_id: string | null;
  last_status: string | null;
  last_begin: Date | null;
  last_end: Date | null;
  last_size: bigint | null;
  avail_id: string | null;
  avail_status: string | null;
  avail_begin: Date | null;
  avail_end: Date | null;
  avail_size: bigint | null;
  available: bigint;
  failed: bigint;
  stored: bigint | null;
};
export type WalRow = { server_id: string; segments: bigint | null; timelines: bigint | null; missing: bigint | null; stored: bigint | null; last_name: string | null; last_at: Date | null };
export type ActiveRow = { id: string; server_id: string; status: 'queued' | 'running'; phase: string | null; progress_done: bigint; progress_total: bigint | null };

export function latestChecks(db: Db, serverId?: string): Promise<CheckRow[]> {
  return db.$queryRaw<CheckRow[]>`
    SELECT s.id AS server_id, r.ok, r.checked_at, f.failed
    FROM servers s
    JOIN LATERAL (SELECT id, ok, checked_at FROM check_reports WHERE server_id = s.id ORDER BY checked_at DESC LIMIT 1) r ON true
    LEFT JOIN LATERAL (SELECT array_agg(name ORDER BY position) AS failed FROM check_results WHERE report_id = r.id AND status = 'FAILED') f ON true
    ${only(serverId)}`;
}

export function backupFacts(db: Db, serverId?: string): Promise<BackupRow[]> {
  return db.$queryRaw<BackupRow[]>`
    SELECT s.id AS server_id,
           l.backup_id AS last_id, l.status::text AS last_status, l.begin_time AS last_begin, l.end_time AS last_end, l.size AS last_size,
           a.backup_id AS avail_id, a.status::text AS avail_status, a.begin_time AS avail_begin, a.end_time AS avail_end, a.size AS avail_size,
           c.available, c.failed, c.stored
    FROM servers s
    LEFT JOIN LATERAL (SELECT backup_id, status, begin_time, end_time, size FROM backups WHERE server_id = s.id ORDER BY backup_id DESC LIMIT 1) l ON true
    LEFT JOIN LATERAL (SELECT backup_id, status, begin_time, end_time, size FROM backups WHERE server_id = s.id AND status IN ('DONE', 'WAITING_FOR_WALS') ORDER BY backup_id DESC LIMIT 1) a ON true
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE status IN ('DONE', 'WAITING_FOR_WALS')) AS available, count(*) FILTER (WHERE status = 'FAILED') AS failed,
             sum(deduplicated_size) AS stored
      FROM backups WHERE server_id = s.id) c ON true
    ${only(serverId)}`;
}

export function walFacts(db: Db, serverId?: string): Promise<WalRow[]> {
  return db.$queryRaw<WalRow[]>`
    SELECT s.id AS server_id, t.segments, t.timelines, t.missing, t.stored, w.name AS last_name, w.archived_at AS last_at
    FROM servers s
    LEFT JOIN LATERAL (
      SELECT sum(segments) AS segments, count(*) FILTER (WHERE segments > 0) AS timelines,
             sum(GREATEST(0, last_segno - first_segno + 1 - segments)) AS missing, sum(stored_size) AS stored
      FROM wal_archive_totals WHERE server_id = s.id) t ON true
    LEFT JOIN LATERAL (SELECT name, archived_at FROM wal_segments WHERE server_id = s.id AND kind = 'segment' ORDER BY archived_at DESC LIMIT 1) w ON true
    ${only(serverId)}`;
}

export function activeBackups(db: Db): Promise<ActiveRow[]> {
  return db.$queryRaw<ActiveRow[]>`
    SELECT id, server_id, status::text AS status, phase, progress_done, progress_total
    FROM runs WHERE kind = 'backup.run' AND status IN ('queued', 'running') AND server_id IS NOT NULL`;
}
