import type { Db } from '../db/client';
import type { BackupStatus } from '../db/generated/enums';
import { walSegmentName } from '../pg/wal-name';

// Shared by integration tests that need catalog backups without taking them: rows shaped as the
// backup engine writes them. `at` is the begin time; WAL positions are segment numbers.

export type BackupRowInput = {
  at: Date;
  status?: BackupStatus;
  name?: string;
  keep?: 'full' | 'standalone';
  size?: bigint;
  beginSegno?: bigint;
  endSegno?: bigint;
  timeline?: number;
  minutes?: number;
  error?: string;
};

export function backupIdAt(at: Date): string {
  return at.toISOString().slice(0, 19).replace(/[-:]/g, '');
}

export async function insertBackupRows(db: Db, serverId: string, rows: BackupRowInput[]): Promise<string[]> {
  await db.backup.createMany({
    data: rows.map((r) => {
      const timeline = r.timeline ?? 1;
      const complete = (r.status ?? 'DONE') === 'DONE' || r.status === 'WAITING_FOR_WALS';
      return {
        serverId,
        backupId: backupIdAt(r.at),
        name: r.name ?? null,
        status: r.status ?? 'DONE',
        method: 'postgres' as const,
        compression: 'zstd' as const,
        keep: r.keep ?? null,
        timeline,
        beginWal: r.beginSegno === undefined ? null : walSegmentName({ timeline, segno: r.beginSegno }),
        endWal: complete && r.endSegno !== undefined ? walSegmentName({ timeline, segno: r.endSegno }) : null,
        beginTime: r.at,
        endTime: complete ? new Date(r.at.getTime() + (r.minutes ?? 10) * 60_000) : null,
        size: complete ? (r.size ?? 1000n) : null,
        storedSize: complete ? (r.size ?? 1000n) / 4n : null,
        deduplicatedSize: complete ? (r.size ?? 1000n) / 8n : null,
        walSegmentSize: 16 * 1024 * 1024,
        error: r.error ?? (r.status === 'FAILED' ? 'failure copying files (connection to server lost)' : null),
      };
    }),
  });
  return rows.map((r) => backupIdAt(r.at));
}
