import type { Prisma } from '../db/generated/client';
import type { BackupRecord } from './backup-record';

/** The catalog columns of a backup, from its backup.json (after a copy, or when rebuilding the catalog). */
export function backupRowOf(record: BackupRecord): Prisma.BackupUncheckedUpdateInput {
  return {
    name: record.name,
    status: record.status,
    method: record.method,
    compression: record.compression,
    compressionLevel: record.compressionLevel,
    checkpoint: record.checkpoint,
    standalone: record.standalone,
    keep: record.keep,
    timeline: record.timeline,
    beginLsn: record.beginLsn,
    endLsn: record.endLsn,
    beginWal: record.beginWal,
    endWal: record.endWal,
    beginTime: new Date(record.beginTime),
    endTime: new Date(record.endTime),
    size: BigInt(record.size),
    storedSize: BigInt(record.storedSize),
    deduplicatedSize: BigInt(record.deduplicatedSize),
    clusterSize: record.clusterSize === null ? null : BigInt(record.clusterSize),
    walSize: BigInt(record.walSize),
    fileCount: record.fileCount,
    copyMs: record.copyMs,
    pgVersion: record.pgVersion,
    systemId: record.systemId,
    dataChecksums: record.dataChecksums,
    walSegmentSize: record.walSegmentSize,
    reusedFrom: record.reusedFrom,
    reusedFiles: record.reusedFiles,
    tablespaces: record.tablespaces,
    error: null,
  };
}
