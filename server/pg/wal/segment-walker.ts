import type { Lsn } from '../lsn';
import { crcSource, recordCrcMatches, type CrcSource } from './crc32c';
import { pageHeaderSize } from './page-header';
import { PendingRecord } from './pending-record';
import {
  describeRecord,
  emptyRecordView,
  isDecodedKind,
  isSwitch,
  keepBody,
  lsnOfHalves,
} from './record-view';
import {
  checkPage,
  prevLinkProblem,
  quickPageCheck,
  type WalEnd,
  type WalEndReason,
  type WalkState,
} from './walk-state';
import { alignUp, maxRecordLength, pageFlags, recordHeaderSize, rmgr } from './wal-format';

// Walks the records of one segment, page by page, the way xlogreader reads WAL: page headers
// checked, records MAXALIGNed, a record crossing pages (or segments) followed through the
// continuation pages, each record's CRC verified. The first record that cannot be read marks
// the end of valid WAL: the walk stops there and says why, it does not throw.
// The loop over records on a page is the hot path (hundreds of thousands per segment): it reads
// header fields through an Int32Array view and keeps LSNs as 32-bit halves.

export type CrcMode = 'all' | 'decoded';

export type WalkOptions = {
  crc: CrcMode;
  /** Return only records with a decoded body and switches from next(); count the rest. */
  onlyDecoded: boolean;
};

export class SegmentWalk {
  /** The record `next()` just read; reused, copy what you keep. */
  readonly record = emptyRecordView();
  end: WalEnd | undefined;
  timeline: number | undefined;
  skippedContinuation = false;
  switchLsn: Lsn | undefined;
  overwrittenContrecord: Lsn | undefined;
  /** Records read (returned by next() or, with onlyDecoded, only counted). */
  count = 0;
  firstHigh = 0;
  firstLow = 0;
  /** MAXALIGNed end of the last record read, as an offset in this segment; -1 before any. */
  lastEnd = -1;

  private pos = 0;
  private pageEnd = 0;
  private done = false;
  private skipping: boolean;
  private readonly high: number;
  private readonly low: number;
  private readonly limit: number;
  private readonly bytes: Buffer;
  private readonly words: Int32Array;
  private readonly source: CrcSource;
  private readonly crcAll: boolean;
  private readonly onlyDecoded: boolean;
  private spare: PendingRecord | undefined;

  constructor(
    private readonly state: WalkState,
    bytes: Buffer,
    readonly segno: bigint,
    fresh: boolean,
    options: WalkOptions,
  ) {
    const start = segno * BigInt(state.format.segmentSize);
    this.high = Number(start >> 32n);
    this.low = Number(start & 0xffff_ffffn);
    // Word reads need 4-byte alignment: copy the rare buffer that lacks it (a slice of a pool).
    this.bytes = (bytes.byteOffset & 3) === 0 ? bytes : Buffer.from(bytes);
    this.source = crcSource(this.bytes);
    this.words = this.source.words!;
    this.limit = Math.min(bytes.length, state.format.segmentSize);
    this.skipping = fresh;
    this.crcAll = options.crc === 'all';
    this.onlyDecoded = options.onlyDecoded;
  }

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
        if (this.readRecords()) return true;
      } else if (this.pageEnd >= this.segmentSize) {
        this.done = true;
        this.state.pending?.detach();
      } else if (this.openPage()) {
        return true;
      }
    }
    return false;
  }

  /** Ends valid WAL at `lsn`: by default the pending record's start, else the current position. */
  private stop(reason: WalEndReason, detail: string, lsn?: Lsn): false {
    const pending = this.state.pending;
    const at = lsn ?? (pending ? lsnOfHalves(pending.lsnHigh, pending.lsnLow) : this.lsnAt(this.pos));
    this.end = { lsn: at, reason, detail };
    this.state.pending = undefined;
    this.state.hasPrev = false;
    this.done = true;
    return false;
  }

  /** Enters the page at `pageEnd`; true when that completed a pending record. */
  private openPage(): boolean {
    const pageStart = this.pageEnd;
    if (pageStart + recordHeaderSize > this.limit)
      return this.stop('truncated', `the bytes end at offset ${this.limit}`);
    // Fields of XLogPageHeaderData as words: magic | info << 16, tli, pageaddr (low, high), rem_len.
    const w = this.words;
    const k = pageStart >> 2;
    const info = w[k]! >>> 16;
    if (pageStart === 0 || !quickPageCheck(this.state, w, k, this.high, this.low + pageStart)) {
      const problem = this.pageProblem(pageStart);
      if (problem)
        return this.stop(
          'invalid-page-header',
          problem,
          this.state.pending ? undefined : this.lsnAt(pageStart),
        );
    }
    this.state.minTimeline = w[k + 1]! >>> 0;
    this.timeline ??= this.state.minTimeline;
    const remainingLength = w[k + 4]! >>> 0;
    const dataStart = pageStart + pageHeaderSize(info);
    this.pageEnd = Math.min(pageStart + this.state.format.blockSize, this.limit);
    const isContinuation = (info & pageFlags.firstIsContrecord) !== 0;
    const pending = this.state.pending;
    if (pending) return this.continueRecord(pending, info, remainingLength, dataStart);
    if (isContinuation && this.skipping) {
      // XLogFindNextRecord: the first record boundary is after the continuation data.
      this.skippedContinuation = true;
      const skip = alignUp(remainingLength);
      this.skipping = skip >= this.pageEnd - dataStart;
      this.pos = this.skipping ? this.pageEnd : dataStart + skip;
      return false;
    }
    if (isContinuation)
      return this.stop(
        'unexpected-contrecord',
        'the page continues a record never begun',
        this.lsnAt(dataStart),
      );
    this.skipping = false;
    this.pos = dataStart;
    return false;
  }

  private pageProblem(pageStart: number): string | undefined {
    return checkPage(this.state, this.bytes, pageStart, this.lsnAt(pageStart));
  }

  private continueRecord(
    pending: PendingRecord,
    info: number,
    remaining: number,
    dataStart: number,
  ): boolean {
    if ((info & pageFlags.firstIsContrecord) === 0) {
      if ((info & pageFlags.firstIsOverwriteContrecord) === 0)
        return this.stop(
          'missing-contrecord',
          `the page at offset ${dataStart} does not continue the record`,
        );
      // The record was cut short by a crash and overwritten after recovery: forget it, read on.
      this.overwrittenContrecord = lsnOfHalves(pending.lsnHigh, pending.lsnLow);
      this.state.pending = undefined;
      this.pos = dataStart;
      return false;
    }
    if (remaining !== pending.remaining)
      return this.stop(
        'invalid-contrecord-length',
        `xlp_rem_len ${remaining}, expected ${pending.remaining}`,
      );
    const length = Math.min(remaining, this.pageEnd - dataStart);
    const hadHeader = pending.headerComplete;
    pending.add(this.source, dataStart, length);
    if (!hadHeader && pending.headerComplete) {
      const problem = prevLinkProblem(this.state, pending.headerBytes, 0, pending.lsnHigh, pending.lsnLow);
      if (problem) return this.stop('invalid-record-header', problem);
    }
    if (!pending.complete) {
      this.pos = this.pageEnd;
      return false;
    }
    if (pending.verifiesCrc && !pending.crcMatches())
      return this.stop('crc-mismatch', 'incorrect record checksum');
    this.pos = dataStart + alignUp(length);
    this.state.pending = undefined;
    const whole = pending.assemble();
    const read = this.publish(
      whole ?? pending.headerBytes,
      0,
      whole !== undefined,
      pending.lsnHigh,
      pending.lsnLow,
    );
    // The view holds copies of what it needs: the object can take the next record.
    this.spare = pending;
    return read;
  }

  /** Reads records from `pos` to the end of the page; true when one is to be returned. */
  private readRecords(): boolean {
    const { words: w, bytes, state } = this;
    while (this.pos < this.pageEnd) {
      const pos = this.pos;
      const available = this.pageEnd - pos;
      if (available < 8) return this.stop('truncated', `the bytes end at offset ${this.limit}`);
      const k = pos >> 2;
      const totalLength = w[k]! >>> 0;
      if (totalLength < recordHeaderSize || totalLength > maxRecordLength)
        return this.stop(
          'invalid-record-length',
          `record length ${totalLength}, expected ${recordHeaderSize} or more`,
        );
      const low = this.low + pos;
      if (totalLength > available) return this.beginPending(pos, low, totalLength, available);
      const linked = state.hasPrev
        ? w[k + 2]! === (state.prevLow | 0) && w[k + 3]! === (state.prevHigh | 0)
        : prevLinkProblem(state, bytes, pos, this.high, low) === undefined;
      if (!linked)
        return this.stop('invalid-record-header', prevLinkProblem(state, bytes, pos, this.high, low)!);
      // Only RM_XLOG_ID (0) and RM_XACT_ID (1) records are ever decoded or switches.
      const rmid = bytes[pos + 17]!;
      const decoded = rmid <= rmgr.xact && isDecodedKind(rmid, bytes[pos + 16]!);
      const special = decoded || (rmid === rmgr.xlog && isSwitch(rmid, bytes[pos + 16]!));
      if ((this.crcAll || special) && !recordCrcMatches(this.source, pos, totalLength, w[k + 5]!))
        return this.stop('crc-mismatch', 'incorrect record checksum');
      this.pos = pos + alignUp(totalLength);
      if (special || !this.onlyDecoded) return this.publish(bytes, pos, decoded, this.high, low);
      if (this.count++ === 0) {
        this.firstHigh = this.high;
        this.firstLow = low;
      }
      this.lastEnd = this.pos;
      state.prevHigh = this.high;
      state.prevLow = low;
      state.hasPrev = true;
    }
    return false;
  }

  private beginPending(pos: number, low: number, totalLength: number, available: number): false {
    const problem =
      available >= recordHeaderSize
        ? prevLinkProblem(this.state, this.bytes, pos, this.high, low)
        : undefined;
    if (problem) return this.stop('invalid-record-header', problem);
    // A record that may reach into the next segment is always checked: the segment holding its
    // end may have to be re-read with every CRC, and this part will not be there to re-read.
    const mayLeave = this.segmentSize - pos < totalLength + (totalLength / 1024 + 2) * 64;
    const verify = this.crcAll || mayLeave ? 'always' : 'if-kept';
    const pending = (this.spare ?? new PendingRecord()).begin(this.high, low, totalLength, keepBody, verify);
    this.spare = undefined;
    pending.add(this.source, pos, available);
    this.state.pending = pending;
    this.pos = this.pageEnd;
    return false;
  }

  private publish(buf: Buffer, at: number, decode: boolean, high: number, low: number): boolean {
    const view = this.record;
    const problem = describeRecord(view, buf, at, decode, this.state.format.layout);
    view.lsnHigh = high;
    view.lsnLow = low;
    view.endOffset = this.pos;
    if (problem) return this.stop('invalid-record-body', problem, lsnOfHalves(high, low));
    if (this.count++ === 0) {
      this.firstHigh = high;
      this.firstLow = low;
    }
    this.lastEnd = this.pos;
    this.state.prevHigh = high;
    this.state.prevLow = low;
    this.state.hasPrev = true;
    if (isSwitch(view.rmid, view.info)) {
      // XLOG_SWITCH: the rest of the segment is padding; the next record starts the next segment.
      this.switchLsn = lsnOfHalves(high, low);
      this.pos = this.pageEnd = this.segmentSize;
    }
    return true;
  }
}
