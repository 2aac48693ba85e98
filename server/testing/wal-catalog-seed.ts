import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/client';
import { formatLsn } from '../pg/lsn';
import { segmentStartLsn, walSegmentName } from '../pg/wal-name';
import { walsDir } from '../wal/wal-layout';

// A large WAL catalog for recovery tests and bench:plan (tests and benchmarks only): timeline 1
// from segment 0, a gap of three segments, timeline 2 branching off late, three backups and two
// restore points, every segment indexed with commit times 10 s apart and 100 xids each. Rows are
// inserted by SQL in one statement per timeline, as a rebuild of the catalog would.

export type SeededArchive = {
  serverId: string;
  serverName: string;
  /** Segments of timeline 1: 0 .. t1Last; timeline 2: switchSeg .. t2Last. */
  t1Last: bigint;
  switchSeg: bigint;
  t2Last: bigint;
  /** The missing segments gapFrom .. gapFrom + 2 (on timeline 1, so on both chains). */
  gapFrom: bigint;
  backups: { backupId: string; beginSeg: bigint; endSeg: bigint; endTime: Date }[];
  /** When the commits of a segment happen: [firstCommit, lastCommit]. */
  commitsOf(segno: bigint): { first: Date; last: Date };
  segments: number;
};

const t0 = Date.UTC(2026, 0, 1);
const segmentSize = 16 * 1024 * 1024;

export async function seedWalCatalog(db: Db, root: string, total = 500_000): Promise<SeededArchive> {
  const name = `scale-${Math.random().toString(36).slice(2, 8)}`;
  const server = await db.server.create({ data: { name, conninfo: 'host=127.0.0.1 port=1 user=postgres' }, select: { id: true } });
  const t1Last = BigInt(Math.round(total * 0.8)) - 1n;
  const switchSeg = BigInt(Math.round(total * 0.7));
  const t2Last = switchSeg + BigInt(total) - (t1Last + 1n - 3n) - 1n;
  const gapFrom = BigInt(Math.round(total * 0.4)) + 17n;
  const insert = (timeline: number, from: bigint, to: bigint) => db.$executeRaw`
    INSERT INTO wal_segments (server_id, name, kind, timeline, segno, size, stored_size, codec, checksum, source, first_commit, last_commit, first_xid, last_xid, commits, aborts, indexed_at)
    SELECT ${server.id}::uuid, lpad(to_hex(${timeline}::int), 8, '0') || lpad(to_hex(g / 256), 8, '0') || lpad(to_hex(g % 256), 8, '0'), 'segment', ${timeline}::int, g, ${segmentSize}, 4000000, 'zstd', md5(g::text), 'push',
           to_timestamp(${t0 / 1000}::double precision + g * 10), to_timestamp(${t0 / 1000}::double precision + g * 10 + 9), 1000 + g * 100, 1000 + g * 100 + 99, 100, 0, now()
    FROM generate_series(${from}::bigint, ${to}::bigint) g
    WHERE g NOT BETWEEN ${gapFrom}::bigint AND ${gapFrom + 2n}::bigint`;
  await insert(1, 0n, t1Last);
  await insert(2, switchSeg, t2Last);
  const switchLsn = segmentStartLsn(switchSeg, segmentSize) + 0x100n;
  await mkdir(walsDir(root, name), { recursive: true });
  await writeFile(path.join(walsDir(root, name), '00000002.history'), `1\t${formatLsn(switchLsn)}\tno recovery target specified\n`);
  await db.walSegment.create({ data: { serverId: server.id, name: '00000002.history', kind: 'history', timeline: 2, segno: -1n, size: 40n, storedSize: 40n, codec: 'none', checksum: 'x', source: 'push' } });
  const commitsOf = (segno: bigint) => ({ first: new Date(t0 + Number(segno) * 10_000), last: new Date(t0 + Number(segno) * 10_000 + 9000) });
  const backups = [10n, BigInt(total / 4), gapFrom + 100n].map((beginSeg, i) => ({ backupId: `20260101T00000${i}`, beginSeg, endSeg: beginSeg + 1n, endTime: new Date(commitsOf(beginSeg + 1n).first.getTime() + 4000) }));
  for (const b of backups) {
    await db.backup.create({
      data: {
        serverId: server.id, backupId: b.backupId, status: 'DONE', method: 'postgres', compression: 'zstd', timeline: 1,
        beginLsn: formatLsn(segmentStartLsn(b.beginSeg, segmentSize) + 0x28n), endLsn: formatLsn(segmentStartLsn(b.endSeg, segmentSize) + 0x1000n),
        beginWal: walSegmentName({ timeline: 1, segno: b.beginSeg }, segmentSize), endWal: walSegmentName({ timeline: 1, segno: b.endSeg }, segmentSize),
        beginTime: commitsOf(b.beginSeg).first, endTime: b.endTime, walSegmentSize: segmentSize, pgVersion: 150000,
      },
    });
  }
  for (const [point, segno] of [['early', 100n], ['late', gapFrom + 150n]] as const) {
    await db.restorePoint.create({ data: { serverId: server.id, name: point, timeline: 1, lsn: formatLsn(segmentStartLsn(segno, segmentSize) + 0x2000n), time: new Date(commitsOf(segno).first.getTime() + 5000), segment: walSegmentName({ timeline: 1, segno }, segmentSize) } });
  }
  const segments = Number(t1Last + 1n - 3n) + Number(t2Last - switchSeg + 1n);
  return { serverId: server.id, serverName: name, t1Last, switchSeg, t2Last, gapFrom, backups, commitsOf, segments };
}
