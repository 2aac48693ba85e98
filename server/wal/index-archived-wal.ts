import { createHash } from 'node:crypto';
import type { Ctx } from '../context';
import type { Server, WalSegment } from '../db/generated/client';
import { formatLsn } from '../pg/lsn';
import { WalIndexer } from '../pg/wal/wal-index';
import { readDecompressed } from '../repository/read-decompressed';
import { parseWalFileName } from './wal-file-name';
import { storedWalPath } from './wal-layout';

// The WAL index of the archive (what the PITR planner asks: which times, xids and restore points
// are reachable): every segment not yet indexed is read, in order per timeline. A record that
// crosses into a segment belongs to the segment where it ends, so the reader is primed with the
// segment just before each run of unindexed ones. A promoted server's .partial is read like a
// segment: its valid WAL ends where the timeline did.
//
// CRC mode 'decoded' (see server/pg/wal/wal-index.ts): archived segments are complete and their
// bytes are proven by the archive's SHA-256 when read, so only the records the index uses, and
// the end of valid WAL, need their CRC checked.

const pgEpochMs = Date.UTC(2000, 0, 1);
const toDate = (micros: bigint | undefined, round: 'down' | 'up') =>
  micros === undefined
    ? null
    : new Date(pgEpochMs + Number(round === 'down' ? micros / 1000n : (micros + 999n) / 1000n));

export async function indexArchivedWal({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { server: Server; root: string };
}): Promise<{ indexed: number; restorePoints: number }> {
  const { server, root } = input;
  const pending = await ctx.db.walSegment.findMany({
    where: { serverId: server.id, kind: { in: ['segment', 'partial'] }, indexedAt: null },
    orderBy: [{ timeline: 'asc' }, { segno: 'asc' }, { kind: 'asc' }],
    take: 500,
  });
  let indexer: WalIndexer | undefined;
  let previous: WalSegment | undefined;
  const result = { indexed: 0, restorePoints: 0 };
  for (const segment of pending) {
    const follows =
      previous?.kind === 'segment' &&
      previous.timeline === segment.timeline &&
      previous.segno + 1n === segment.segno;
    if (!follows) indexer = await primedIndexer(ctx, server, root, segment);
    previous = segment;
    const index = indexer?.indexSegment(await read(root, server, segment), segment.segno);
    if (!index) continue;
    await ctx.db.walSegment.update({
      where: { id: segment.id },
      data: {
        firstCommit: toDate(index.minXactTime, 'down'),
        lastCommit: toDate(index.maxXactTime, 'up'),
        firstXid: index.minXid === undefined ? null : BigInt(index.minXid),
        lastXid: index.maxXid === undefined ? null : BigInt(index.maxXid),
        commits: index.commits,
        aborts: index.aborts,
        indexedAt: new Date(),
      },
    });
    for (const point of index.restorePoints) {
      const lsn = formatLsn(point.endLsn);
      await ctx.db.restorePoint.upsert({
        where: { serverId_timeline_lsn: { serverId: server.id, timeline: segment.timeline, lsn } },
        create: {
          serverId: server.id,
          timeline: segment.timeline,
          lsn,
          name: point.name,
          time: toDate(point.time, 'down') ?? new Date(0),
          segment: segment.name,
        },
        update: {},
      });
      result.restorePoints++;
    }
    result.indexed++;
  }
  return result;
}

/** A reader that has seen the segment before `segment`, when the archive has it. */
async function primedIndexer(
  ctx: Ctx,
  server: Server,
  root: string,
  segment: WalSegment,
): Promise<WalIndexer> {
  const indexer = new WalIndexer({ crc: 'decoded' });
  const before = await ctx.db.walSegment.findFirst({
    where: { serverId: server.id, kind: 'segment', timeline: segment.timeline, segno: segment.segno - 1n },
  });
  if (before) indexer.indexSegment(await read(root, server, before), before.segno);
  return indexer;
}

async function read(root: string, server: Server, segment: WalSegment): Promise<Buffer> {
  const file = parseWalFileName(segment.name, Number(segment.size));
  const bytes = await readDecompressed(storedWalPath(root, server.name, file, segment.codec), segment.codec);
  if (createHash('sha256').update(bytes).digest('hex') !== segment.checksum)
    throw new Error(`${segment.name} in the archive of ${server.name} no longer matches its checksum.`);
  return bytes;
}
