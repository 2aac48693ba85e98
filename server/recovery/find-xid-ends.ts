import { createHash } from 'node:crypto';
import type { Ctx } from '../context';
import type { Server } from '../db/generated/client';
import type { Lsn } from '../pg/lsn';
import { lsnOfHalves } from '../pg/wal/record-view';
import { WalReader, type WalSegmentCursor } from '../pg/wal/wal-reader';
import type { XactKind } from '../pg/wal/xact-record';
import { readDecompressed } from '../repository/read-decompressed';
import { parseWalFileName } from '../wal/wal-file-name';
import { storedWalPath } from '../wal/wal-layout';
import type { SegmentSpan } from './segment-spans';

// Where a transaction ended, read from the archived WAL itself: the WAL index keeps only the
// lowest and highest xid per segment, so an xid inside that range may never have committed or
// aborted there (still running at the end, a subtransaction, never assigned). The segments whose
// range holds it are read, each timeline in order until its record is found, for the commit or
// abort record recovery_target_xid stops at (PostgreSQL compares the record's xid, 32 bits).

export type XidEnd = { timeline: number; segno: bigint; kind: XactKind; lsn: Lsn; endLsn: Lsn; time: Date };

const pgEpochMs = Date.UTC(2000, 0, 1);

export async function findXidEnds(ctx: Ctx, server: Server, root: string, xid: bigint, candidates: readonly SegmentSpan[]): Promise<XidEnd[]> {
  const ends: XidEnd[] = [];
  const done = new Set<number>();
  const ordered = [...candidates].sort((a, b) => a.timeline - b.timeline || (a.from < b.from ? -1 : 1));
  for (const span of ordered) {
    if (done.has(span.timeline)) continue;
    const found = await endsInSegment(ctx, server, root, span.timeline, span.from, Number(xid));
    ends.push(...found);
    if (found.length > 0) done.add(span.timeline);
  }
  return ends;
}

async function endsInSegment(ctx: Ctx, server: Server, root: string, timeline: number, segno: bigint, xid: number): Promise<XidEnd[]> {
  const bytes = await readSegment(ctx, server, root, timeline, segno);
  if (!bytes) return [];
  let reader = new WalReader({ crc: 'decoded' });
  let cursor = reader.open(bytes, segno, 'decoded', true);
  let ends = collect(cursor, timeline, segno, xid);
  // A record that began in the previous segment was skipped: read it from there.
  if (ends.length === 0 && cursor.result().skippedContinuation) {
    const previous = await readSegment(ctx, server, root, timeline, segno - 1n);
    if (previous) {
      reader = new WalReader({ crc: 'decoded' });
      drain(reader.open(previous, segno - 1n, 'decoded', true));
      cursor = reader.open(bytes, segno, 'decoded', true);
      ends = collect(cursor, timeline, segno, xid);
    }
  }
  return ends;
}

function drain(cursor: WalSegmentCursor): void {
  while (cursor.nextView());
}

function collect(cursor: WalSegmentCursor, timeline: number, segno: bigint, xid: number): XidEnd[] {
  const ends: XidEnd[] = [];
  for (let view = cursor.nextView(); view; view = cursor.nextView()) {
    if (!view.xact || view.xact.xid !== xid) continue;
    ends.push({
      timeline,
      segno,
      kind: view.xact.kind,
      lsn: lsnOfHalves(view.lsnHigh, view.lsnLow),
      endLsn: cursor.lsnAt(view.endOffset),
      time: new Date(pgEpochMs + Number(view.xact.time / 1000n)),
    });
  }
  return ends;
}

async function readSegment(ctx: Ctx, server: Server, root: string, timeline: number, segno: bigint): Promise<Buffer | null> {
  const row = await ctx.db.walSegment.findFirst({ where: { serverId: server.id, kind: 'segment', timeline, segno } });
  if (!row) return null;
  const bytes = await readDecompressed(storedWalPath(root, server.name, parseWalFileName(row.name, Number(row.size)), row.codec), row.codec);
  if (createHash('sha256').update(bytes).digest('hex') !== row.checksum) throw new Error(`${row.name} in the archive of ${server.name} no longer matches its checksum.`);
  return bytes;
}
