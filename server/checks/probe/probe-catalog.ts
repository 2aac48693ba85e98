import type { Db } from '../../db/client';
import type { CatalogFacts, Fact } from '../types';

// Barman's DEFAULT_STATUS_FILTER (STATUS_COPY_DONE): a backup whose copy finished counts as the
// latest one even while it still waits for its WAL.
const copyDone = ['DONE', 'WAITING_FOR_WALS'] as const;

export async function probeCatalog(db: Db, serverId: string): Promise<Fact<CatalogFacts>> {
  try {
    const [lastBackup, failedBackups, doneBackups] = await Promise.all([
      db.backup.findFirst({
        where: { serverId, status: { in: [...copyDone] } },
        orderBy: [{ backupId: 'desc' }],
        select: {
          backupId: true,
          status: true,
          endTime: true,
          size: true,
          beginWal: true,
          endWal: true,
          timeline: true,
        },
      }),
      db.backup.count({ where: { serverId, status: 'FAILED' } }),
      db.backup.count({ where: { serverId, status: 'DONE' } }),
    ]);
    if (!lastBackup)
      return {
        ok: true,
        value: {
          lastBackup: null,
          failedBackups,
          doneBackups,
          newestWalSinceBackup: null,
          walBytesAfterBackup: 0n,
        },
      };
    const wal = await walSince(db, serverId, lastBackup);
    return { ok: true, value: { lastBackup, failedBackups, doneBackups, ...wal } };
  } catch (error) {
    return {
      ok: false,
      error: `the catalog could not be read: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/**
 * Barman's get_wal_until_next_backup for the last backup: segments from its begin_wal on, on its
 * timeline or an older one. The newest of them dates `wal maximum age`; those after end_wal
 * make `wal size`. Without WAL names (a backup still being written) fall back to time.
 */
async function walSince(
  db: Db,
  serverId: string,
  backup: { beginWal: string | null; endWal: string | null; timeline: number | null; endTime: Date | null },
) {
  const onTimeline = backup.timeline === null ? {} : { timeline: { lte: backup.timeline } };
  const newest = await db.walSegment.aggregate({
    where: {
      serverId,
      ...onTimeline,
      ...(backup.beginWal
        ? { name: { gte: backup.beginWal } }
        : backup.endTime
          ? { archivedAt: { gte: backup.endTime } }
          : {}),
    },
    _max: { archivedAt: true },
  });
  const after = await db.walSegment.aggregate({
    where: {
      serverId,
      ...onTimeline,
      ...(backup.endWal
        ? { name: { gt: backup.endWal } }
        : backup.endTime
          ? { archivedAt: { gt: backup.endTime } }
          : {}),
    },
    _sum: { size: true },
  });
  return { newestWalSinceBackup: newest._max.archivedAt, walBytesAfterBackup: after._sum.size ?? 0n };
}
