import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupProtocolMajors, missingMajorReason, pgBinDir } from '../../local/postgres-binaries';
import { startPostgres, type PostgresServer } from '../../testing/postgres-server';
import { formatLsn } from '../lsn';
import { indexWalFiles } from './index-wal-files';
import { isoToPgMicros } from './pg-time';
import { WalIndexer, type WalSegmentIndex } from './wal-index';
import { WalReader, type WalRecord } from './wal-reader';
import { runWorkload, walSegments, type Workload } from './wal-workload';

const run = promisify(execFile);

// Real WAL from every major here, read straight from pg_wal after a clean shutdown, against what
// the workload did (xids from txid_current(), commit times from pg_xact_commit_timestamp,
// restore point LSNs from pg_create_restore_point) and, on 15, against pg_waldump itself.

type Ended = { kind: string; xid: number; time: bigint };

describe.each(backupProtocolMajors)('the WAL index on PostgreSQL %i', (major) => {
  const missing = missingMajorReason(major);
  if (missing) console.warn(`Skipping PostgreSQL ${major}: ${missing}`);
  let server: PostgresServer;
  let workload: Workload;
  let segments: Awaited<ReturnType<typeof walSegments>>;
  let records: WalRecord[];
  let indexes: WalSegmentIndex[];

  beforeAll(async () => {
    if (missing) return;
    server = await startPostgres({
      major,
      settings: { max_prepared_transactions: 5, track_commit_timestamp: true, wal_keep_size: '1GB' },
    });
    workload = await runWorkload(server);
    await server.stop();
    segments = await walSegments(server);
    const reader = new WalReader({ major });
    records = [];
    for (const segment of segments)
      records.push(...reader.openSegment(segment.bytes, segment.segno).records());
    const indexer = new WalIndexer({ major });
    indexes = segments.map((segment) => indexer.indexSegment(segment.bytes, segment.segno));
  }, 180_000);
  afterAll(async () => {
    await server?.destroy();
  });

  it.skipIf(missing)('finds every commit and abort the workload made, with its exact xid and time', () => {
    const ended = records.filter((r) => r.xact).map((r) => r.xact!);
    for (const known of workload.xacts) {
      const found = ended.filter((e) => e.xid === known.xid);
      expect(found, `xid ${known.xid}`).toHaveLength(1);
      expect(found[0]?.kind).toBe(known.kind);
      if (known.time !== undefined) expect(found[0]?.time).toBe(known.time);
      else {
        expect(found[0]!.time).toBeGreaterThanOrEqual(known.after!);
        expect(found[0]!.time).toBeLessThanOrEqual(known.before!);
      }
    }
  });

  it.skipIf(missing)(
    'finds every restore point, its end LSN being what pg_create_restore_point returned',
    () => {
      const points = indexes.flatMap((index) => index.restorePoints);
      expect(points.map((p) => [p.name, formatLsn(p.endLsn)])).toEqual(
        workload.restorePoints.map((p) => [p.name, formatLsn(p.endLsn)]),
      );
      for (const p of points) expect(p.lsn).toBeLessThan(p.endLsn);
    },
  );

  it.skipIf(missing)('agrees between the per-segment index and the record iterator', () => {
    const commits = records.filter((r) => r.xact?.kind === 'commit' || r.xact?.kind === 'commit-prepared');
    const aborts = records.filter((r) => r.xact?.kind === 'abort' || r.xact?.kind === 'abort-prepared');
    expect(indexes.reduce((n, i) => n + i.commits, 0)).toBe(commits.length);
    expect(indexes.reduce((n, i) => n + i.aborts, 0)).toBe(aborts.length);
    expect(indexes.reduce((n, i) => n + i.records, 0)).toBe(records.length);
    const times = commits.concat(aborts).map((r) => r.xact!.time);
    expect(
      indexes
        .map((i) => i.minXactTime)
        .filter((t) => t !== undefined)
        .sort()[0],
    ).toBe(times.sort()[0]);
  });

  it.skipIf(missing)('follows records across pages and segments, and the WAL switch', () => {
    const message = records.find((r) => r.endLsn === workload.bigMessageEnd);
    expect(message?.totalLength).toBeGreaterThan(40_000_000);
    const carriers = indexes.filter((i) => i.continuedRecordLsn === message?.lsn);
    expect(carriers.length).toBeGreaterThanOrEqual(2);
    const switched = indexes.find((i) => i.switchLsn !== undefined);
    expect(records.find((r) => r.lsn === switched?.switchLsn)?.endLsn).toBe(workload.switchEnd);
    // Read alone, a segment inside the big record begins mid-record: its records come after it.
    const inside = indexes.find((i) => i.continuedRecordLsn === message?.lsn && i.records === 0);
    const segment = segments.find((s) => s.segno === inside?.segno);
    const alone = new WalIndexer().indexSegment(segment!.bytes, segment!.segno);
    expect(alone).toMatchObject({ skippedContinuation: true, records: 0 });
    // Only the segments after the end of WAL (pre-allocated, recycled) end early; the last one is after shutdown.
    const lastValid = indexes.findLastIndex((i) => i.records > 0);
    expect(indexes.slice(0, lastValid).every((i) => i.end === undefined)).toBe(true);
    expect(indexes[lastValid]?.end?.reason).toMatch(/invalid-record-length|invalid-page-header/);
  });

  it.skipIf(missing)(
    'indexes the same from the files, with every CRC or only the decoded records',
    () => {
      const files = segments.map((s) => path.join(server.dataDir, 'pg_wal', s.name));
      expect(indexWalFiles(files)).toEqual(indexes);
      const quick = indexWalFiles(files, { crc: 'decoded' });
      expect(quick.map((i) => ({ ...i, crcChecked: 'all' }))).toEqual(indexes);
      // Only segments where valid WAL ends were read again with every CRC.
      expect(quick.filter((i) => i.crcChecked === 'all').every((i) => i.end !== undefined)).toBe(true);
    },
  );

  it.skipIf(missing || major !== 15)('matches pg_waldump exactly on PostgreSQL 15', async () => {
    const dump = await waldump(
      segments.slice(0, indexes.findLastIndex((i) => i.records > 0) + 1).map((s) => s.name),
    );
    const ours = records
      .filter((r) => r.xact)
      .map((r) => ({ kind: r.xact!.kind, xid: r.xact!.xid, time: r.xact!.time }));
    expect(ours).toEqual(dump.ended);
    const points = records
      .filter((r) => r.restorePoint)
      .map((r) => ({ lsn: formatLsn(r.lsn), name: r.restorePoint!.name }));
    expect(points).toEqual(dump.restorePoints);
    expect(records).toHaveLength(dump.recordCount);
  });

  async function waldump(names: string[]) {
    const args = ['-p', path.join(server.dataDir, 'pg_wal'), names[0]!, names.at(-1)!];
    // pg_waldump exits non-zero at the end of valid WAL: its output up to there is what counts.
    const { stdout } = await run(path.join(pgBinDir(15), 'pg_waldump'), args, {
      env: { ...process.env, TZ: 'UTC' },
      maxBuffer: 512 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    return parseWaldump(stdout);
  }
});

const xactLine =
  /^rmgr: Transaction .* tx: +(\d+), lsn: .* desc: (COMMIT|ABORT)(_PREPARED)? (?:(\d+): )?(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?) UTC/;
const restoreLine = /^rmgr: XLOG .* lsn: ([0-9A-F]+\/[0-9A-F]+), .* desc: RESTORE_POINT (.*)$/;

function parseWaldump(text: string) {
  const ended: Ended[] = [];
  const restorePoints: { lsn: string; name: string }[] = [];
  let recordCount = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('rmgr: ')) recordCount++;
    const xact = xactLine.exec(line);
    if (xact) {
      const [, tx, what, prepared, preparedXid, time] = xact;
      const kind = `${what === 'COMMIT' ? 'commit' : 'abort'}${prepared ? '-prepared' : ''}`;
      ended.push({ kind, xid: Number(prepared ? preparedXid : tx), time: isoToPgMicros(time!) });
    }
    const point = restoreLine.exec(line);
    if (point) restorePoints.push({ lsn: point[1]!.replace(/\/0+(?=[0-9A-F])/, '/'), name: point[2]! });
  }
  return { ended, restorePoints, recordCount };
}
