import { formatLsn } from '../pg/lsn';
import { segmentOfEndLsn, segmentOfLsn, walSegmentName } from '../pg/wal-name';
import type { BackupRecord } from './backup-record';
import type { ResolvedBackupOptions } from './backup-options';
import type { WrittenBaseBackup } from './write-base-backup';

// What a finished copy amounts to, in the terms of Barman's backup.info: positions, WAL names,
// sizes (copied, stored, deduplicated), times. Pure, so every number is unit-tested.

export type RecordContext = {
  serverName: string;
  backupId: string;
  options: ResolvedBackupOptions;
  reusedFrom: string | null;
  tablespaceNames: ReadonlyMap<number, string>;
  copyMs: number;
};

export function buildBackupRecord(written: WrittenBaseBackup, context: RecordContext): BackupRecord {
  const { facts, positions, files } = written;
  const segmentSize = facts.walSegmentSize;
  const timeline = positions.start.timeline;
  const isWal = (p: string) => p.startsWith('pg_wal/');
  const sum = (list: typeof files, pick: (f: (typeof files)[number]) => number) => list.reduce((total, f) => total + pick(f), 0);
  const data = files.filter((f) => !isWal(f.path));
  const tablespaceSizes = positions.tablespaces.map((t) => t.sizeBytes);
  const clusterSize = tablespaceSizes.every((s) => s !== null) ? Number(tablespaceSizes.reduce<bigint>((a, s) => a + (s ?? 0n), 0n)) : null;
  return {
    format: 1,
    server: context.serverName,
    backupId: context.backupId,
    name: context.options.name,
    status: context.options.standalone ? 'DONE' : 'WAITING_FOR_WALS',
    method: 'postgres',
    compression: context.options.codec,
    compressionLevel: context.options.level,
    checkpoint: context.options.checkpoint,
    standalone: context.options.standalone,
    keep: null,
    timeline,
    beginLsn: formatLsn(positions.start.lsn),
    endLsn: formatLsn(positions.end.lsn),
    beginWal: walSegmentName({ timeline, segno: segmentOfLsn(positions.start.lsn, segmentSize) }, segmentSize),
    endWal: walSegmentName({ timeline: positions.end.timeline, segno: segmentOfEndLsn(positions.end.lsn, segmentSize) }, segmentSize),
    beginTime: written.beginTime.toISOString(),
    endTime: written.endTime.toISOString(),
    size: sum(data, (f) => f.size),
    storedSize: sum(files, (f) => f.storedSize),
    deduplicatedSize: sum(
      files.filter((f) => !f.reused),
      (f) => f.storedSize,
    ),
    clusterSize,
    walSize: sum(
      files.filter((f) => isWal(f.path)),
      (f) => f.size,
    ),
    fileCount: files.length,
    copyMs: context.copyMs,
    pgVersion: facts.versionNum,
    systemId: facts.systemId,
    dataChecksums: facts.dataChecksums,
    walSegmentSize: segmentSize,
    reusedFrom: context.reusedFrom,
    reusedFiles: files.filter((f) => f.reused).length,
    tablespaces: positions.tablespaces.flatMap((t) =>
      t.oid === null ? [] : [{ oid: t.oid, name: context.tablespaceNames.get(t.oid) ?? null, location: t.location ?? '', size: t.sizeBytes === null ? null : Number(t.sizeBytes) }],
    ),
    links: written.links,
    files: [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
}
