import { crc32cFinish, crc32cInit, crc32cRange } from './crc32c';
import {
  alignUp,
  blockId,
  longPageHeaderSize,
  pageFlags,
  pageMagicByMajor,
  recordCrcOffset,
  recordHeaderSize,
  rmgr,
  shortPageHeaderSize,
  xlogInfo,
  type WalMajor,
} from './wal-format';

// Writes WAL the way XLogInsert lays it out, for unit tests of the reader on bytes: page headers
// (long on each segment's first page), MAXALIGNed records, records split across pages with
// XLP_FIRST_IS_CONTRECORD and xlp_rem_len, xl_prev links and CRCs. Written from the format
// facts, independently of the reader.

export type BuilderOptions = {
  major?: WalMajor;
  /** The smallest wal_segment_size (1 MiB) keeps tests small. */
  segmentSize?: number;
  blockSize?: number;
  systemId?: bigint;
  timeline?: number;
  /** The first segment written. */
  segno?: bigint;
};

export type BuiltRecord = { lsn: number; endLsn: number };

export class WalBuilder {
  readonly major: WalMajor;
  readonly segmentSize: number;
  readonly blockSize: number;
  readonly firstSegno: bigint;
  private readonly systemId: bigint;
  private readonly timeline: number;
  private readonly segments = new Map<number, Buffer>();
  /** Absolute byte position (tests stay far below 2^53). */
  pos: number;
  private prev = 0;

  constructor(options: BuilderOptions = {}) {
    this.major = options.major ?? 15;
    this.segmentSize = options.segmentSize ?? 1024 * 1024;
    this.blockSize = options.blockSize ?? 8192;
    this.systemId = options.systemId ?? 7_000_000_000_000_000_001n;
    this.timeline = options.timeline ?? 1;
    this.firstSegno = options.segno ?? 1n;
    this.pos = Number(this.firstSegno) * this.segmentSize;
  }

  /** Appends a record: `body` is everything after the 24-byte header (fragment headers, block data, main data). */
  append(record: { rmid: number; info: number; xid?: number; body: Buffer }): BuiltRecord {
    const total = recordHeaderSize + record.body.length;
    const bytes = Buffer.alloc(total);
    bytes.writeUInt32LE(total, 0);
    bytes.writeUInt32LE(record.xid ?? 0, 4);
    bytes.writeBigUInt64LE(BigInt(this.prev), 8);
    bytes[16] = record.info;
    bytes[17] = record.rmid;
    record.body.copy(bytes, recordHeaderSize);
    let crc = crc32cRange(crc32cInit, bytes, recordHeaderSize, total);
    crc = crc32cRange(crc, bytes, 0, recordCrcOffset);
    bytes.writeUInt32LE(crc32cFinish(crc), recordCrcOffset);
    if (this.pos % this.blockSize === 0) this.pageHeader(0);
    const lsn = this.pos;
    this.write(bytes);
    this.prev = lsn;
    this.pos = alignUp(this.pos);
    return { lsn, endLsn: this.pos };
  }

  /** XLOG_SWITCH, then the rest of the segment is left as padding. */
  switchSegment(): BuiltRecord {
    const record = this.append({ rmid: rmgr.xlog, info: xlogInfo.switch, body: Buffer.alloc(0) });
    this.pos = (Math.floor(this.pos / this.segmentSize) + 1) * this.segmentSize;
    return record;
  }

  /** Writes a filler record so that the next record starts at `offsetInPage` of the current page. */
  padToOffsetInPage(offsetInPage: number): void {
    if (this.pos % this.blockSize === 0) this.pageHeader(0);
    const pageStart = this.pos - (this.pos % this.blockSize);
    if (pageStart + offsetInPage < this.pos) throw new Error('already past that offset');
    // A filler record of exactly the needed length keeps the xl_prev chain intact.
    const gap = pageStart + offsetInPage - this.pos;
    if (gap === 0) return;
    if (gap < recordHeaderSize + 5) throw new Error(`gap ${gap} too small for a filler record`);
    this.append({
      rmid: 2,
      info: 0,
      body: mainData(Buffer.alloc(gap - recordHeaderSize - 5), Buffer.alloc(0), true),
    });
  }

  /** Segment `segno` as written so far, zero-filled where nothing was written. */
  segmentBytes(segno: bigint): Buffer {
    const key = Number(segno);
    let segment = this.segments.get(key);
    if (!segment) {
      segment = Buffer.alloc(this.segmentSize);
      this.segments.set(key, segment);
    }
    return segment;
  }

  get lastSegno(): bigint {
    return BigInt(Math.floor((this.pos - 1) / this.segmentSize));
  }

  private write(bytes: Buffer): void {
    let i = 0;
    while (i < bytes.length) {
      if (this.pos % this.blockSize === 0) this.pageHeader(bytes.length - i);
      const room = this.blockSize - (this.pos % this.blockSize);
      const n = Math.min(room, bytes.length - i);
      const segment = this.segmentBytes(BigInt(Math.floor(this.pos / this.segmentSize)));
      bytes.copy(segment, this.pos % this.segmentSize, i, i + n);
      this.pos += n;
      i += n;
    }
  }

  private pageHeader(remaining: number): void {
    const segment = this.segmentBytes(BigInt(Math.floor(this.pos / this.segmentSize)));
    const at = this.pos % this.segmentSize;
    const long = at === 0;
    let info = long ? pageFlags.longHeader : 0;
    if (remaining > 0) info |= pageFlags.firstIsContrecord;
    segment.writeUInt16LE(pageMagicByMajor[this.major], at);
    segment.writeUInt16LE(info, at + 2);
    segment.writeUInt32LE(this.timeline, at + 4);
    segment.writeBigUInt64LE(BigInt(this.pos), at + 8);
    segment.writeUInt32LE(remaining, at + 16);
    if (long) {
      segment.writeBigUInt64LE(this.systemId, at + 24);
      segment.writeUInt32LE(this.segmentSize, at + 32);
      segment.writeUInt32LE(this.blockSize, at + 36);
    }
    this.pos += long ? longPageHeaderSize : shortPageHeaderSize;
  }
}

/** A record body holding only main data (XLR_BLOCK_ID_DATA_SHORT or _LONG). */
export function mainData(data: Buffer, prefix: Buffer = Buffer.alloc(0), long = false): Buffer {
  const header =
    data.length < 256 && !long
      ? Buffer.from([blockId.dataShort, data.length])
      : Buffer.concat([Buffer.from([blockId.dataLong]), u32(data.length)]);
  return Buffer.concat([prefix, header, data]);
}

export function u32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value >>> 0);
  return b;
}

export function i64(value: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64LE(value);
  return b;
}
