import type { Lsn } from '../lsn';
import { lsnOfHalves, type RecordView } from './record-view';
import type { RestorePointBody } from './restore-point';
import { SegmentWalk, type CrcMode } from './segment-walker';
import {
  initialWalkState,
  restoreWalkState,
  snapshotWalkState,
  type WalEnd,
  type WalkState,
} from './walk-state';
import { WalFormatError, type WalMajor } from './wal-format';
import { fallbackSegmentSize, isZeroPage, readStreamFormat, type WalStreamFormat } from './wal-stream-format';
import type { XactEnd } from './xact-record';

// Reads the WAL of one timeline, one segment at a time, in order. A record that runs past the
// end of a segment is carried over and completed by the next segment; a segment that does not
// follow the previous one (or follows one where valid WAL ended) is read from its first record
// boundary, skipping the tail of a record whose start it never saw.

export type WalReaderOptions = {
  /** Refuse WAL written by any other major (default: accept 13 to 18, whichever the WAL says). */
  major?: WalMajor;
  /**
   * Which records' CRC to verify. 'all' (the default) is what PostgreSQL does: every record, so
   * valid WAL ends exactly where recovery would stop. 'decoded' verifies only the records whose
   * body is read (commits, aborts, restore points), switches, and records that may cross into the
   * next segment; the others are trusted once their length, xl_prev link and page headers check
   * out. That still ends valid WAL at zeroed, recycled or unlinked space, but may accept one torn
   * record before it (WalIndexer then re-reads the segment with 'all'), and misses damage inside
   * an otherwise intact segment: use it only for complete segments whose bytes are known good.
   */
  crc?: CrcMode;
};

export type WalRecord = {
  /** Where the record starts (what pg_waldump prints as lsn). */
  lsn: Lsn;
  /** Where the next record may start: the MAXALIGNed end (what XLogInsert returns). */
  endLsn: Lsn;
  rmid: number;
  /** xl_info, all eight bits (the high four belong to the resource manager). */
  info: number;
  /** xl_xid: the top-level xid that wrote the record, 0 when none. */
  xid: number;
  totalLength: number;
  /** For commits and aborts. */
  xact?: XactEnd;
  /** For XLOG_RESTORE_POINT. */
  restorePoint?: RestorePointBody;
};

export type WalSegmentRead = {
  segno: bigint;
  startLsn: Lsn;
  segmentSize: number;
  /** xl_tli of the first page, when it was readable. */
  timeline?: number;
  /** Where valid WAL ended inside this segment, and why; absent when the whole segment was valid. */
  end?: WalEnd;
  /** An XLOG_SWITCH record ended the segment early: everything after it is padding. */
  switchLsn?: Lsn;
  /** The segment began inside a record whose start was not read: that record is not reported. */
  skippedContinuation: boolean;
  /** A record that starts in this segment and ends in a later one; reported with that segment. */
  continuedRecordLsn?: Lsn;
  /** A record cut short by a crash that PostgreSQL replaced by XLOG_OVERWRITE_CONTRECORD. */
  overwrittenContrecord?: Lsn;
};

export class WalSegmentCursor {
  constructor(
    /** @internal */ readonly walk: SegmentWalk,
    readonly startLsn: Lsn,
  ) {}

  /** The next record as the walker's reused view (no allocation); undefined at the end. */
  nextView(): RecordView | undefined {
    return this.walk.next() ? this.walk.record : undefined;
  }

  lsnAt(offset: number): Lsn {
    return this.walk.lsnAt(offset);
  }

  *records(): Generator<WalRecord, WalSegmentRead> {
    for (let view = this.nextView(); view; view = this.nextView()) yield this.toRecord(view);
    return this.result();
  }

  toRecord(view: RecordView): WalRecord {
    const record: WalRecord = {
      lsn: lsnOfHalves(view.lsnHigh, view.lsnLow),
      endLsn: this.walk.lsnAt(view.endOffset),
      rmid: view.rmid,
      info: view.info,
      xid: view.xid,
      totalLength: view.totalLength,
    };
    if (view.xact) record.xact = { ...view.xact };
    if (view.restorePoint) record.restorePoint = { ...view.restorePoint };
    return record;
  }

  /** What the walk found; complete once `nextView()` returned undefined. */
  result(): WalSegmentRead {
    const walk = this.walk;
    const read: WalSegmentRead = {
      segno: walk.segno,
      startLsn: this.startLsn,
      segmentSize: walk.segmentSize,
      skippedContinuation: walk.skippedContinuation,
    };
    if (walk.timeline !== undefined) read.timeline = walk.timeline;
    if (walk.end) read.end = walk.end;
    if (walk.switchLsn !== undefined) read.switchLsn = walk.switchLsn;
    if (walk.pendingLsn !== undefined) read.continuedRecordLsn = walk.pendingLsn;
    if (walk.overwrittenContrecord !== undefined) read.overwrittenContrecord = walk.overwrittenContrecord;
    return read;
  }

  get finished(): boolean {
    return this.walk.finished;
  }

  get ended(): boolean {
    return this.walk.end !== undefined;
  }
}

export class WalReader {
  private state: WalkState | undefined;
  private last: { segno: bigint; cursor: WalSegmentCursor } | undefined;
  readonly crc: CrcMode;

  constructor(private readonly options: WalReaderOptions = {}) {
    this.crc = options.crc ?? 'all';
  }

  /** The format learnt from the first segment (major, segment and block size, system id). */
  get format(): WalStreamFormat | undefined {
    return this.state?.format;
  }

  /**
   * Starts reading segment `segno` (its number on the timeline, from the file name). Throws
   * WalFormatError for WAL of a major Cellar does not read, or bytes that are not a segment.
   */
  openSegment(bytes: Buffer, segno: bigint): WalSegmentCursor {
    return this.open(bytes, segno, this.crc, false);
  }

  /**
   * @internal For WalIndexer: `onlyDecoded` makes the cursor return only commits, aborts,
   * restore points and switches (the rest are counted), and `crc` overrides the reader's mode.
   */
  open(bytes: Buffer, segno: bigint, crc: CrcMode, onlyDecoded: boolean): WalSegmentCursor {
    const state = this.stateFor(bytes);
    if (bytes.length > state.format.segmentSize)
      throw new WalFormatError(
        `${bytes.length} bytes is more than one ${state.format.segmentSize}-byte WAL segment.`,
      );
    const previous = this.last;
    const follows =
      previous !== undefined &&
      segno === previous.segno + 1n &&
      previous.cursor.finished &&
      !previous.cursor.ended;
    if (!follows) {
      state.pending = undefined;
      state.hasPrev = false;
    }
    const walk = new SegmentWalk(state, bytes, segno, !follows, { crc, onlyDecoded });
    const cursor = new WalSegmentCursor(walk, walk.lsnAt(0));
    if (state === this.state) this.last = { segno, cursor };
    return cursor;
  }

  /** @internal What to go back to before re-reading the segment about to be opened. */
  snapshot(): { state: WalkState | undefined; last: WalReader['last'] } {
    return { state: this.state && snapshotWalkState(this.state), last: this.last };
  }

  /** @internal */
  restore(snapshot: ReturnType<WalReader['snapshot']>): void {
    if (this.state && snapshot.state) restoreWalkState(this.state, snapshot.state);
    // Before the first segment there was no state: start over, keeping only the format learnt.
    else if (this.state) this.state = initialWalkState(this.state.format);
    this.last = snapshot.last;
  }

  private stateFor(bytes: Buffer): WalkState {
    if (this.state) return this.state;
    if (isZeroPage(bytes)) {
      // Never written: a walk over it ends at once, and teaches nothing about the format.
      const segmentSize = fallbackSegmentSize(undefined, bytes);
      const format: WalStreamFormat = {
        major: this.options.major ?? 18,
        layout: { major: 18, imageCompressedMask: 0, statsItemSize: 0 },
        magic: -1,
        segmentSize,
        blockSize: 8192,
        systemId: 0n,
      };
      return initialWalkState(format);
    }
    this.state = initialWalkState(readStreamFormat(bytes, { major: this.options.major }));
    return this.state;
  }
}
