import type { BackupDetailView, BackupView, KeepTarget, TablespaceView } from '../contracts/backups';
import type { RetentionStatus } from '../contracts/retention';
import type { Backup } from '../db/generated/client';
import { parseWalSegmentName } from '../pg/wal-name';

const num = (value: bigint | null): number | null => (value === null ? null : Number(value));

export function toBackupView(b: Backup, serverName: string, retentionStatus: RetentionStatus | null = null): BackupView {
  return {
    id: b.id,
    serverName,
    backupId: b.backupId,
    name: b.name,
    status: b.status,
    type: b.method === 'postgres' ? 'full' : 'rsync',
    method: b.method,
    compression: b.compression,
    compressionLevel: b.compressionLevel,
    standalone: b.standalone,
    keep: (b.keep as KeepTarget | null) ?? null,
    timeline: b.timeline,
    beginLsn: b.beginLsn,
    endLsn: b.endLsn,
    beginWal: b.beginWal,
    endWal: b.endWal,
    beginTime: b.beginTime?.toISOString() ?? null,
    endTime: b.endTime?.toISOString() ?? null,
    size: num(b.size),
    storedSize: num(b.storedSize),
    deduplicatedSize: num(b.deduplicatedSize),
    clusterSize: num(b.clusterSize),
    walSize: num(b.walSize),
    fileCount: b.fileCount,
    pgVersion: b.pgVersion,
    systemId: b.systemId,
    error: b.error,
    runId: b.runId,
    createdAt: b.createdAt.toISOString(),
    verifiedAt: b.verifiedAt?.toISOString() ?? null,
    verifyStatus: b.verifyStatus === 'ok' || b.verifyStatus === 'failed' ? b.verifyStatus : null,
    retentionStatus,
    deleting: b.deletingAt !== null,
  };
}

/** show-backup's derived values (Barman's get_backup_ext_info): throughput, ratios, WAL count, neighbours. */
export function toBackupDetailView(b: Backup, serverName: string, neighbours: { previous: string | null; next: string | null }, retentionStatus: RetentionStatus | null = null): BackupDetailView {
  const view = toBackupView(b, serverName, retentionStatus);
  const ratio = (part: number | null, whole: number | null) => (part === null || whole === null || whole === 0 ? null : part / whole);
  const saving = view.storedSize === null || view.deduplicatedSize === null ? null : view.storedSize - view.deduplicatedSize;
  return {
    ...view,
    checkpoint: b.checkpoint === 'fast' || b.checkpoint === 'spread' ? b.checkpoint : null,
    copyMs: b.copyMs,
    throughput: view.size === null || !b.copyMs ? null : (view.size / b.copyMs) * 1000,
    compressionRatio: ratio(view.storedSize, view.size === null ? null : view.size + (view.walSize ?? 0)),
    reusedFrom: b.reusedFrom,
    reusedFiles: b.reusedFiles,
    dedupSaving: saving,
    dedupRatio: ratio(saving, view.storedSize),
    walSegmentSize: b.walSegmentSize,
    walCount: walCount(b),
    dataChecksums: b.dataChecksums,
    tablespaces: (b.tablespaces as TablespaceView[] | null) ?? [],
    previousBackupId: neighbours.previous,
    nextBackupId: neighbours.next,
  };
}

function walCount(b: Backup): number | null {
  if (!b.beginWal || !b.endWal || !b.walSegmentSize) return null;
  const begin = parseWalSegmentName(b.beginWal, b.walSegmentSize);
  const end = parseWalSegmentName(b.endWal, b.walSegmentSize);
  return begin.timeline === end.timeline ? Number(end.segno - begin.segno) + 1 : null;
}
