import { describe, expect, it } from 'vitest';
import type { BackupManifest } from '../repository/backup-manifest';
import { backupRecordSchema } from './backup-record';
import { buildBackupRecord } from './build-backup-record';
import type { WrittenBaseBackup } from './write-base-backup';

const seg = 16 * 1024 * 1024;
const sha = 'a'.repeat(64);
const written: WrittenBaseBackup = {
  facts: { major: 15, versionNum: 150014, systemId: '7311111111111111111', timeline: 1, dataChecksums: false, walSegmentSize: seg },
  // Starts inside segment 2, ends exactly at the start of segment 4: the WAL lives in 2 and 3.
  positions: {
    start: { lsn: 0x2000028n, timeline: 1 },
    end: { lsn: 0x4000000n, timeline: 1 },
    tablespaces: [
      { oid: 16384, location: '/srv/ts', sizeBytes: 2048n },
      { oid: null, location: null, sizeBytes: 30_000n },
    ],
  },
  beginTime: new Date('2026-12-02T10:00:00Z'),
  endTime: new Date('2026-12-02T10:00:05Z'),
  files: [
    { path: 'base/1/1259', size: 8192, storedSize: 1000, sha256: sha, reused: true },
    { path: 'PG_VERSION', size: 3, storedSize: 12, sha256: sha, reused: false },
    { path: 'pg_tblspc/16384/PG_15_202209061/5/16390', size: 2048, storedSize: 300, sha256: sha, reused: false },
    { path: 'pg_wal/000000010000000000000002', size: seg, storedSize: 50_000, sha256: sha, reused: false },
  ],
  links: [{ path: 'pg_tblspc/16384', target: '/srv/ts' }],
  manifest: {} as BackupManifest,
};

const context = {
  serverName: 'db1',
  backupId: '20261202T100000',
  options: { name: null, codec: 'zstd' as const, level: 3, checkpoint: 'fast' as const, standalone: true, maxRateKbps: null, reuse: true },
  reusedFrom: '20261201T100000',
  tablespaceNames: new Map([[16384, 'extra']]),
  copyMs: 5000,
};

describe('buildBackupRecord', () => {
  const record = buildBackupRecord(written, context);

  it('is a valid backup.json', () => {
    expect(backupRecordSchema.safeParse(record).success).toBe(true);
  });

  it("names the WAL from the begin position to the segment before an end on a boundary (Barman's begin/end_wal)", () => {
    expect(record).toMatchObject({ beginLsn: '0/2000028', endLsn: '0/4000000', beginWal: '000000010000000000000002', endWal: '000000010000000000000003', timeline: 1 });
  });

  it('counts data, WAL, stored and deduplicated bytes apart', () => {
    expect(record).toMatchObject({
      size: 8192 + 3 + 2048,
      walSize: seg,
      storedSize: 1000 + 12 + 300 + 50_000,
      deduplicatedSize: 12 + 300 + 50_000,
      clusterSize: 32_048,
      fileCount: 4,
      reusedFiles: 1,
      reusedFrom: '20261201T100000',
    });
  });

  it('is DONE when standalone, WAITING_FOR_WALS otherwise', () => {
    expect(record.status).toBe('DONE');
    expect(buildBackupRecord(written, { ...context, options: { ...context.options, standalone: false } }).status).toBe('WAITING_FOR_WALS');
  });

  it('lists user tablespaces with their names, and files in path order', () => {
    expect(record.tablespaces).toEqual([{ oid: 16384, name: 'extra', location: '/srv/ts', size: 2048 }]);
    expect(record.files.map((f) => f.path)).toEqual(['PG_VERSION', 'base/1/1259', 'pg_tblspc/16384/PG_15_202209061/5/16390', 'pg_wal/000000010000000000000002']);
  });

  it('has no cluster size when the server gave no estimate', () => {
    const noEstimate = { ...written, positions: { ...written.positions, tablespaces: [{ oid: null, location: null, sizeBytes: null }] } };
    expect(buildBackupRecord(noEstimate, context).clusterSize).toBeNull();
  });
});
