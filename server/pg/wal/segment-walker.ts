import type { Lsn } from '../lsn';
import { pageHeaderProblem, pageHeaderSize, parsePageHeader } from './page-header';
import { PendingRecord } from './pending-record';
import { crc32cFinish, crc32cInit, crc32cSourceRange, crcSource, type CrcSource } from './crc32c';
import { bodyIsDecoded, describeRecord, emptyRecordView, isSwitchRecord, lsnOfHalves } from './record-view';
import { alignUp, maxRecordLength, pageFlags, recordCrcOffset, recordHeaderSize } from './wal-format';
import type { WalStreamFormat } from './wal-stream-format';

// Walks the records of one segment, page by page, the way xlogreader reads WAL: page headers
// checked, records MAXALIGNed, a record crossing pages (or segments) followed through the
// continuation pages, each record's CRC verified. The first record that cannot be read marks
// the end of valid WAL: the walk stops there and says why, it does not throw.

export type WalEndReason =
  | 'invalid-page-header'
  | 'invalid-record-length'
  | 'invalid-record-header'
  | 'crc-mismatch'
  | 'invalid-record-body'
  | 'missing-contrecord'
  | 'invalid-contrecord-length'
  | 'unexpected-contrecord'
  | 'truncated';

export type WalEnd = {
  /** Where valid WAL stops: the start of the first record (or page) that could not be read. */
  lsn: Lsn;
  reason: WalEndReason;
  detail: string;
};

/** What carries from one segment to the next along a timeline. */
export type WalkState = {
  format: WalStreamFormat;
  /** Start of the last valid record, which each record's xl_prev must point at (when hasPrev). */
  prevHigh: number;
  prevLow: number;
  hasPrev: boolean;
  minTimeline: number;
  pending: PendingRecord | undefined;
};

const keepBody = (header: Buffer): boolean => bodyIsDecoded(header);

export class SegmentWalk {
  /** The record `next()` just read; reused, copy what you keep. */
  readonly record = emptyRecordView();
  end: WalEnd | undefined;
  /** xl_tli of the segment's first page. */
  timeline: number | undefined;
  /** The segment began inside a record whose start was not read (its predecessor was not given). */
  skippedContinuation = false;
  switchLsn: Lsn | undefined;
  /** A record cut short and replaced by XLOG_OVERWRITE_CONTRECORD (after a crash). */
  overwrittenContrecord: Lsn | undefined;

  private pos = 0;
  private pageEnd = 0;
  private done = false;
  private skipping: boolean;
  private readonly high: number;
  private readonly low: number;
  private readonly limit: number;
  private readonly source: CrcSource;

  constructor(
    private readonly state: WalkState,
    private readonly bytes: Buffer,
    readonly segno: bigint,
    fresh: boolean,
    private readonly verifyCrc: boolean,
  ) {
    const start = segno * BigInt(state.format.segmentSize);
    this.high = Number(start >> 32n);
    this.low = Number(start & 0xffff_ffffn);
    this.limit = Math.min(bytes.length, state.format.segmentSize);
    this.skipping = fresh;
    this.source = crcSource(bytes);
  }

  /** The walk is over: the segment was read to its end, or valid WAL ended in it. */
  get finished(): boolean {
    return this.done;
  }

  get segmentSize(): number {
    return this.state.format.segmentSize;
  }

  /** A record begun in this segment that continues in the next one, if any. */
  get pendingLsn(): Lsn | undefined {
    const pending = this.state.pending;
    return pending && this.done && !this.end ? lsnOfHalves(pending.lsnHigh, pending.lsnLow) : undefined;
  }

  lsnAt(offset: number): Lsn {
    return lsnOfHalves(this.high, this.low) + BigInt(offset);
  }

  /** Reads the next record into `this.record`; false once the segment is done or valid WAL ended. */
  next(): boolean {
    while (!this.done) {
      if (this.pos < this.pageEnd) {
        if (this.readRecord()) return true;
      } else if (this.pageEnd >= this.segmentSize) {
        this.finishSegment();
      } else if (this.openPage()) {
        return true;
      }
    }
    return false;
  }

  private finishSegment(): void {
    this.done = true;
    this.state.pending?.detach();
  }

  /** Ends valid WAL at `lsn`: by default the pending record's start, else the current position. */
  private stop(reason: WalEndReason, detail: string, lsn = this.defaultStopLsn()): false {
    this.end = { lsn, reason, detail };
    this.state.pending = undefined;
    this.state.hasPrev = false;
    this.done = true;
    return false;
  }

  private defaultStopLsn(): Lsn {
    const pending = this.state.pending;
    return pending ? lsnOfHalves(pending.lsnHigh, pending.lsnLow) : this.lsnAt(this.pos);
  }

  /** Enters the page at `pageEnd`; true when that completed a pending record. */
  private openPage(): boolean {
    const { format } = this.state;
    const pageStart = this.pageEnd;
    if (pageStart + recordHeaderSize > this.limit)
      return this.stop('truncated', `the segment's bytes end at offset ${this.limit}`);
    const header = parsePageHeader(this.bytes, pageStart);
    const problem = pageHeaderProblem(header, {
      magic: format.magic,
      pageAddress: this.lsnAt(pageStart),
      firstInSegment: pageStart === 0,
      systemId: format.systemId,
      segmentSize: format.segmentSize,
      blockSize: format.blockSize,
      minTimeline: this.state.minTimeline,
    });
    if (problem)
      return this.stop(
        'invalid-page-header',
        problem,
        this.state.pending ? undefined : this.lsnAt(pageStart),
      );
    this.state.minTimeline = header.timeline;
    this.timeline ??= header.timeline;
    const dataStart = pageStart + pageHeaderSize(header.info);
    this.pageEnd = Math.min(pageStart + format.blockSize, this.limit);
    const isContinuation = (header.info & pageFlags.firstIsContrecord) !== 0;
    const pending = this.state.pending;
    if (pending) return this.continueRecord(pending, header.info, header.remainingLength, dataStart);
    if (isContinuation && this.skipping) {
      // XLogFindNextRecord: the first record boundary is after the continuation data.
      this.skippedContinuation = true;
      const skip = alignUp(header.remainingLength);
      if (skip >= this.pageEnd - dataStart) {
        this.pos = this.pageEnd;
      } else {
        this.pos = dataStart + skip;
        this.skipping = false;
      }
      return false;
    }
    if (isContinuation)
      return this.stop(
        'unexpected-contrecord',
        'the page continues a record that was never begun',
        this.lsnAt(dataStart),
      );
    this.skipping = false;
    this.pos = dataStart;
    return false;
  }

  private continueRecord(
    pending: PendingRecord,
    info: number,
    remaining: number,
    dataStart: number,
  ): boolean {
    if ((info & pageFlags.firstIsContrecord) === 0) {
      if ((info & pageFlags.firstIsOverwriteContrecord) === 0)
        return this.stop('missing-contrecord', `the page at ${dataStart} does not continue the record`);
      // The record was cut short by a crash and overwritten after recovery: forget it and read on.
      this.overwrittenContrecord = lsnOfHalves(pending.lsnHigh, pending.lsnLow);
      this.state.pending = undefined;
      this.pos = dataStart;
      return false;
    }
    if (remaining !== pending.remaining)
      return this.stop(
        'invalid-contrecord-length',
        `xlp_rem_len is ${remaining}, the record has ${pending.remaining} bytes left`,
      );
    const length = Math.min(remaining, this.pageEnd - dataStart);
    const hadHeader = pending.headerComplete;
    pending.add(this.source, dataStart, length);
    if (!hadHeader && pending.headerComplete) {
      const problem = this.prevLinkProblem(pending.headerBytes, 0, pending.lsnHigh, pending.lsnLow);
      if (problem) return this.stop('invalid-record-header', problem);
    }
    if (!pending.complete) {
      this.pos = this.pageEnd;
      return false;
    }
    if (this.verifyCrc && !pending.crcMatches())
      return this.stop('crc-mismatch', 'incorrect resource manager data checksum');
    this.pos = dataStart + alignUp(length);
    this.state.pending = undefined;
    const whole = pending.assemble();
    return this.publish(
      whole ?? pending.headerBytes,
      0,
      whole !== undefined,
      pending.lsnHigh,
      pending.lsnLow,
    );
  }

  /** Reads the record at `pos` on the current page; true when one was read. */
  private readRecord(): boolean {
    const pos = this.pos;
    const available = this.pageEnd - pos;
    if (available < 4) return this.stop('truncated', `the segment's bytes end at offset ${this.limit}`);
    const totalLength = this.bytes.readUInt32LE(pos);
    if (totalLength < recordHeaderSize || totalLength > maxRecordLength)
      return this.stop(
        'invalid-record-length',
        `record length ${totalLength} (expected ${recordHeaderSize} to ${maxRecordLength})`,
      );
    const low = this.low + pos;
    if (totalLength > available) return this.beginPending(pos, low, totalLength, available);
    const problem = this.prevLinkProblem(this.bytes, pos, this.high, low);
    if (problem) return this.stop('invalid-record-header', problem);
    if (this.verifyCrc && !this.crcMatches(pos, totalLength))
      return this.stop('crc-mismatch', 'incorrect resource manager data checksum');
    this.pos = pos + alignUp(totalLength);
    return this.publish(this.bytes, pos, bodyIsDecoded(this.bytes, pos), this.high, low);
  }

  private beginPending(pos: number, low: number, totalLength: number, available: number): false {
    const problem =
      available >= recordHeaderSize ? this.prevLinkProblem(this.bytes, pos, this.high, low) : undefined;
    if (problem) return this.stop('invalid-record-header', problem);
    const pending = new PendingRecord(this.high, low, totalLength, keepBody, this.verifyCrc);
    pending.add(this.source, pos, available);
    this.state.pending = pending;
    this.pos = this.pageEnd;
    return false;
  }

  private crcMatches(pos: number, totalLength: number): boolean {
    let crc = crc32cSourceRange(crc32cInit, this.source, pos + recordHeaderSize, pos + totalLength);
    crc = crc32cSourceRange(crc, this.source, pos, pos + recordCrcOffset);
    return crc32cFinish(crc) === this.bytes.readUInt32LE(pos + recordCrcOffset);
  }

  /** xl_prev must point at the previous record (or, with none known, somewhere before this one). */
  private prevLinkProblem(buf: Buffer, at: number, high: number, low: number): string | undefined {
    const prevLow = buf.readUInt32LE(at + 8);
    const prevHigh = buf.readUInt32LE(at + 12);
    const { hasPrev, prevHigh: wantHigh, prevLow: wantLow } = this.state;
    const ok = hasPrev
      ? prevHigh === wantHigh && prevLow === wantLow
      : prevHigh < high || (prevHigh === high && prevLow < low);
    if (ok) return undefined;
    const hex = (h: number, l: number) => `${h.toString(16).toUpperCase()}/${l.toString(16).toUpperCase()}`;
    return `record at ${hex(high, low)} has xl_prev ${hex(prevHigh, prevLow)}, expected ${hasPrev ? hex(wantHigh, wantLow) : 'an earlier LSN'}`;
  }

  private publish(buf: Buffer, at: number, decode: boolean, high: number, low: number): boolean {
    const view = this.record;
    const problem = describeRecord(view, buf, at, decode, this.state.format.layout);
    view.lsnHigh = high;
    view.lsnLow = low;
    view.endOffset = this.pos;
    if (problem) return this.stop('invalid-record-body', problem, lsnOfHalves(high, low));
    this.state.prevHigh = high;
    this.state.prevLow = low;
    this.state.hasPrev = true;
    if (isSwitchRecord(view)) {
      // XLOG_SWITCH: the rest of the segment is padding; the next record starts the next segment.
      this.switchLsn = lsnOfHalves(high, low);
      this.pos = this.pageEnd = this.segmentSize;
    }
    return true;
  }
}
