import { describe, expect, it } from 'vitest';
import { crc32cFinish, crc32cInit, crc32cRange } from './crc32c';
import { WalFormatError, pageFlags, xactInfo } from './wal-format';
import { WalReader, type WalRecord, type WalSegmentRead } from './wal-reader';
import { WalBuilder, i64, mainData } from './wal-test-builder';
import { xactBody } from './xact-test-bodies';

const heap = (b: WalBuilder, size: number, xid = 0) =>
  b.append({ rmid: 10, info: 0, xid, body: mainData(Buffer.alloc(size, 0x5a)) });
const commit = (b: WalBuilder, xid: number, time: bigint) =>
  b.append({ rmid: 1, info: xactInfo.commit, xid, body: mainData(xactBody({ time }).data) });

function restorePoint(b: WalBuilder, name: string, time: bigint) {
  const body = Buffer.alloc(64);
  body.write(name);
  return b.append({ rmid: 0, info: 0x70, body: mainData(Buffer.concat([i64(time), body])) });
}

function readAll(
  reader: WalReader,
  bytes: Buffer,
  segno: bigint,
): { records: WalRecord[]; read: WalSegmentRead } {
  const cursor = reader.openSegment(bytes, segno);
  const records: WalRecord[] = [];
  for (const record of cursor.records()) records.push(record);
  return { records, read: cursor.result() };
}

const lsns = (records: WalRecord[]) => records.map((r) => Number(r.lsn));

describe('reading WAL segments', () => {
  it('reads records after the long page header, MAXALIGNed, with start and end LSNs', () => {
    const b = new WalBuilder();
    const first = heap(b, 10, 700);
    const second = commit(b, 700, 5_000_000n);
    const { records, read } = readAll(new WalReader(), b.segmentBytes(1n), 1n);
    expect(first.lsn).toBe(0x100000 + 40);
    expect(records.map((r) => [Number(r.lsn), Number(r.endLsn), r.rmid, r.xid])).toEqual([
      [first.lsn, first.endLsn, 10, 700],
      [second.lsn, second.endLsn, 1, 700],
    ]);
    expect(records[1]?.xact).toEqual({ kind: 'commit', time: 5_000_000n, xid: 700 });
    expect(read).toMatchObject({ segno: 1n, startLsn: 0x100000n, timeline: 1, skippedContinuation: false });
    // The rest of the segment was never written: valid WAL ends after the last record.
    expect(read.end).toMatchObject({ lsn: BigInt(second.endLsn), reason: 'invalid-record-length' });
  });

  it('follows a record across a page boundary (XLP_FIRST_IS_CONTRECORD, xlp_rem_len)', () => {
    const b = new WalBuilder();
    heap(b, 100);
    const big = b.append({
      rmid: 1,
      info: xactInfo.commit,
      xid: 801,
      body: mainData(xactBody({ time: 9n, subxacts: Array.from({ length: 5000 }, (_, i) => 802 + i) }).data),
    });
    const after = heap(b, 50);
    const segment = b.segmentBytes(1n);
    expect(segment.readUInt16LE(8192 + 2) & pageFlags.firstIsContrecord).toBe(1);
    const { records } = readAll(new WalReader(), segment, 1n);
    expect(lsns(records)).toEqual([0x100028, big.lsn, after.lsn]);
    expect(records[1]?.xact).toEqual({ kind: 'commit', time: 9n, xid: 801 });
    expect(records[1]?.totalLength).toBe(24 + 5 + 8 + 4 + 4 + 5000 * 4);
    expect(Number(records[1]?.endLsn)).toBe(big.endLsn);
  });

  it('follows a record whose header itself is split across pages', () => {
    const b = new WalBuilder();
    b.padToOffsetInPage(8192 - 8);
    const split = commit(b, 900, 77n);
    const { records, read } = readAll(new WalReader(), b.segmentBytes(1n), 1n);
    expect(records.at(-1)).toMatchObject({ lsn: BigInt(split.lsn), xid: 900, xact: { time: 77n } });
    expect(split.lsn % 8192).toBe(8184);
    expect(read.end?.lsn).toBe(BigInt(split.endLsn));
  });

  it('carries a record from one segment into the next, read one at a time', () => {
    const b = new WalBuilder();
    while (b.pos < 0x200000 - 3000) heap(b, 200);
    const crossing = commit(b, 1234, 42n);
    const body = b.append({
      rmid: 1,
      info: xactInfo.commit,
      xid: 1235,
      body: mainData(xactBody({ time: 43n, invals: 1000 }).data),
    });
    const next = heap(b, 30);
    expect(body.lsn).toBeLessThan(0x200000);
    expect(body.endLsn).toBeGreaterThan(0x200000);
    const reader = new WalReader();
    const one = readAll(reader, b.segmentBytes(1n), 1n);
    expect(one.records.at(-1)?.lsn).toBe(BigInt(crossing.lsn));
    expect(one.read.continuedRecordLsn).toBe(BigInt(body.lsn));
    expect(one.read.end).toBeUndefined();
    // The caller may reuse the first segment's buffer: the carried record must not depend on it.
    b.segmentBytes(1n).fill(0);
    const two = readAll(reader, b.segmentBytes(2n), 2n);
    expect(lsns(two.records)).toEqual([body.lsn, next.lsn]);
    expect(two.records[0]?.xact).toEqual({ kind: 'commit', time: 43n, xid: 1235 });
    expect(two.records[0]?.endLsn).toBe(BigInt(body.endLsn));
  });

  it('starts a segment given without its predecessor at the first record boundary after the continuation', () => {
    const b = new WalBuilder();
    while (b.pos < 0x200000 - 2000) heap(b, 200);
    b.append({ rmid: 10, info: 0, body: mainData(Buffer.alloc(30_000)) }); // ends on the 4th page of segment 2
    const after = heap(b, 20);
    const { records, read } = readAll(new WalReader(), b.segmentBytes(2n), 2n);
    expect(read.skippedContinuation).toBe(true);
    expect(lsns(records)).toEqual([after.lsn]);
  });

  it('stops at a torn record (CRC mismatch) and reports where, without throwing', () => {
    const b = new WalBuilder();
    const good = commit(b, 10, 1n);
    const torn = commit(b, 11, 2n);
    commit(b, 12, 3n);
    const segment = b.segmentBytes(1n);
    flip(segment, (torn.lsn % 0x100000) + 30, 0xff);
    const { records, read } = readAll(new WalReader(), segment, 1n);
    expect(lsns(records)).toEqual([good.lsn]);
    expect(read.end).toMatchObject({ lsn: BigInt(torn.lsn), reason: 'crc-mismatch' });
  });

  it('stops at a torn record that crosses pages, and at a broken xl_prev link', () => {
    const b = new WalBuilder();
    heap(b, 8000);
    const crossing = heap(b, 9000);
    const segment = b.segmentBytes(1n);
    flip(segment, 0x4000 + 100, 1); // inside the crossing record's continuation on the third page
    expect(readAll(new WalReader(), segment, 1n).read.end).toMatchObject({
      lsn: BigInt(crossing.lsn),
      reason: 'crc-mismatch',
    });

    const c = new WalBuilder();
    heap(c, 10);
    const relinked = heap(c, 10);
    c.segmentBytes(1n).writeUInt32LE(0x12345, (relinked.lsn % 0x100000) + 8);
    const read = readAll(new WalReader(), c.segmentBytes(1n), 1n);
    expect(read.read.end).toMatchObject({ lsn: BigInt(relinked.lsn), reason: 'invalid-record-header' });
  });

  it('treats the rest of the segment after XLOG_SWITCH as padding and goes on in the next segment', () => {
    const b = new WalBuilder();
    heap(b, 10);
    const sw = b.switchSegment();
    const next = commit(b, 55, 5n);
    // Garbage after the switch must not matter.
    b.segmentBytes(1n).fill(0xee, (sw.endLsn % 0x100000) + 64, 0x9000);
    const reader = new WalReader();
    const one = readAll(reader, b.segmentBytes(1n), 1n);
    expect(one.read.switchLsn).toBe(BigInt(sw.lsn));
    expect(one.read.end).toBeUndefined();
    expect(Number(one.records.at(-1)?.endLsn)).toBe(sw.lsn + 24);
    const two = readAll(reader, b.segmentBytes(2n), 2n);
    expect(lsns(two.records)).toEqual([next.lsn]);
    expect(next.lsn).toBe(0x200000 + 40);
  });

  it('reads a restore point record', () => {
    const b = new WalBuilder();
    const point = restorePoint(b, 'nightly', 1_000n);
    const { records } = readAll(new WalReader(), b.segmentBytes(1n), 1n);
    expect(records[0]).toMatchObject({
      lsn: BigInt(point.lsn),
      endLsn: BigInt(point.endLsn),
      restorePoint: { name: 'nightly', time: 1_000n },
    });
    expect(point.endLsn - point.lsn).toBe(24 + 2 + 72 + 6);
  });

  it('ends valid WAL at a recycled segment (old page address) and at a zeroed one', () => {
    const b = new WalBuilder({ segno: 3n });
    heap(b, 10);
    const recycled = readAll(new WalReader(), b.segmentBytes(3n), 9n);
    expect(recycled.records).toEqual([]);
    expect(recycled.read.end).toMatchObject({ lsn: 0x900000n, reason: 'invalid-page-header' });
    expect(recycled.read.end?.detail).toMatch(/recycled/);
    const zeroed = readAll(new WalReader(), Buffer.alloc(1024 * 1024), 4n);
    expect(zeroed.read.end).toMatchObject({ lsn: 0x400000n, reason: 'invalid-page-header' });
    expect(zeroed.read.end?.detail).toMatch(/never written/);
  });

  it('ends at a truncated file', () => {
    const b = new WalBuilder();
    heap(b, 100);
    const cut = heap(b, 20_000);
    const { records, read } = readAll(new WalReader(), b.segmentBytes(1n).subarray(0, 16384), 1n);
    expect(records).toHaveLength(1);
    expect(read.end).toMatchObject({ lsn: BigInt(cut.lsn), reason: 'truncated' });
  });

  it('drops a record replaced by XLOG_OVERWRITE_CONTRECORD after a crash', () => {
    const b = new WalBuilder();
    heap(b, 10);
    const lost = heap(b, 12_000);
    const segment = b.segmentBytes(1n);
    // What recovery leaves: the continuation page rewritten with a new record, flagged overwrite.
    const page = 0x2000;
    segment.fill(0, page, 0x5000);
    const c = new WalBuilder();
    c.pos = 0x100000 + page;
    const replacement = c.append({ rmid: 0, info: 0xd0, body: mainData(Buffer.alloc(16)) });
    const rewritten = c.segmentBytes(1n);
    // xl_prev of the replacement points at the last complete record, as PostgreSQL writes it.
    rewritten.writeBigUInt64LE(0x100028n, page + 24 + 8);
    rewritten.copy(segment, page, page, 0x3000);
    segment.writeUInt16LE(pageFlags.firstIsOverwriteContrecord, page + 2);
    fixCrc(segment, page + 24);
    const { records, read } = readAll(new WalReader(), segment, 1n);
    expect(read.overwrittenContrecord).toBe(BigInt(lost.lsn));
    expect(lsns(records)).toEqual([0x100028, replacement.lsn]);
  });

  it('refuses WAL of other majors with a clear error, and a major other than the one asked for', () => {
    const b = new WalBuilder();
    heap(b, 10);
    const segment = b.segmentBytes(1n);
    segment.writeUInt16LE(0xd101, 0);
    expect(() => new WalReader().openSegment(segment, 1n)).toThrow(WalFormatError);
    expect(() => new WalReader().openSegment(segment, 1n)).toThrow(/PostgreSQL 12/);
    segment.writeUInt16LE(0xd121, 0);
    expect(() => new WalReader().openSegment(segment, 1n)).toThrow(/newer than 18/);
    segment.writeUInt16LE(0xd110, 0);
    expect(() => new WalReader({ major: 16 }).openSegment(segment, 1n)).toThrow(/PostgreSQL 15 .* not 16/);
    for (const major of [13, 14, 15, 16, 17, 18] as const) {
      const m = new WalBuilder({ major });
      heap(m, 10);
      expect(readAll(new WalReader(), m.segmentBytes(1n), 1n).records).toHaveLength(1);
    }
  });

  it('checking only decoded records still ends valid WAL at zeroed space, but accepts a torn plain record', () => {
    const b = new WalBuilder();
    commit(b, 10, 1n);
    const torn = heap(b, 40);
    const segment = b.segmentBytes(1n);
    flip(segment, (torn.lsn % 0x100000) + 40, 0xff);
    const unchecked = readAll(new WalReader({ crc: 'decoded' }), segment, 1n);
    expect(unchecked.records).toHaveLength(2);
    expect(unchecked.read.end).toMatchObject({ lsn: BigInt(torn.endLsn), reason: 'invalid-record-length' });
    expect(readAll(new WalReader(), segment, 1n).read.end).toMatchObject({
      lsn: BigInt(torn.lsn),
      reason: 'crc-mismatch',
    });
  });
});

function fixCrc(segment: Buffer, at: number): void {
  const total = segment.readUInt32LE(at);
  let crc = crc32cRange(crc32cInit, segment, at + 24, at + total);
  crc = crc32cRange(crc, segment, at, at + 20);
  segment.writeUInt32LE(crc32cFinish(crc), at + 20);
}

function flip(segment: Buffer, at: number, mask: number): void {
  segment.writeUInt8(segment.readUInt8(at) ^ mask, at);
}
