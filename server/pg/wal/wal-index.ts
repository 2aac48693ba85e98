import type { Lsn } from '../lsn';
import type { RecordView } from './record-view';
import { WalReader, type WalReaderOptions, type WalSegmentCursor, type WalSegmentRead } from './wal-reader';

// The point-in-time-recovery index of a segment: which commit/abort times and xids, and which
// named restore points, its records hold. A record belongs to the segment holding its last
// byte: that is the segment a restore must replay to apply it, and the one whose reading
// completes it (so each segment's entry is final as soon as the segment was read).

export type WalRestorePoint = {
  name: string;
  /** rp_time: microseconds since 2000-01-01 UTC. */
  time: bigint;
  /** Start of the XLOG_RESTORE_POINT record. */
  lsn: Lsn;
  /**
   * Its MAXALIGNed end, which pg_create_restore_point() returns: recovery_target_name stops
   * after the record, i.e. here.
   */
  endLsn: Lsn;
};

export type WalSegmentIndex = WalSegmentRead & {
  /** Records ending in this segment. */
  records: number;
  /** Start of the first of them and end of the last (the end of valid WAL in this segment). */
  firstRecordLsn?: Lsn;
  lastRecordEndLsn?: Lsn;
  /** COMMIT and COMMIT PREPARED records. */
  commits: number;
  /** ABORT and ABORT PREPARED records. */
  aborts: number;
  /** xact_time of the first and last commit/abort in WAL order, and the lowest and highest (µs since 2000-01-01 UTC). */
  firstXactTime?: bigint;
  lastXactTime?: bigint;
  minXactTime?: bigint;
  maxXactTime?: bigint;
  /** Lowest and highest xid that committed or aborted, in PostgreSQL's circular xid order. */
  minXid?: number;
  maxXid?: number;
  restorePoints: WalRestorePoint[];
};

/** Indexes consecutive segments of one timeline, in order; segments may arrive one at a time. */
export class WalIndexer {
  readonly reader: WalReader;

  constructor(options: WalReaderOptions = {}) {
    this.reader = new WalReader(options);
  }

  indexSegment(bytes: Buffer, segno: bigint): WalSegmentIndex {
    const cursor = this.reader.openSegment(bytes, segno);
    const acc = new SegmentAccumulator();
    let firstLow = -1;
    let firstHigh = 0;
    let lastEnd = -1;
    for (let view = cursor.nextView(); view; view = cursor.nextView()) {
      if (firstLow < 0) {
        firstLow = view.lsnLow;
        firstHigh = view.lsnHigh;
      }
      lastEnd = view.endOffset;
      acc.add(view, cursor);
    }
    const index: WalSegmentIndex = { ...cursor.result(), ...acc.summary() };
    if (firstLow >= 0) index.firstRecordLsn = (BigInt(firstHigh) << 32n) | BigInt(firstLow);
    if (lastEnd >= 0) index.lastRecordEndLsn = cursor.lsnAt(lastEnd);
    return index;
  }
}

/** Precedes in xid order: xids wrap around, compared as PostgreSQL's TransactionIdPrecedes does. */
function xidPrecedes(a: number, b: number): boolean {
  return ((a - b) | 0) < 0;
}

// The first normal xid; 0 (invalid), 1 (bootstrap) and 2 (frozen) never end a transaction.
const firstNormalXid = 3;

class SegmentAccumulator {
  private records = 0;
  private commits = 0;
  private aborts = 0;
  private firstTime: bigint | undefined;
  private lastTime: bigint | undefined;
  private minTime: bigint | undefined;
  private maxTime: bigint | undefined;
  private minXid: number | undefined;
  private maxXid: number | undefined;
  private readonly restorePoints: WalRestorePoint[] = [];

  add(view: RecordView, cursor: WalSegmentCursor): void {
    this.records++;
    const xact = view.xact;
    if (xact) {
      if (xact.kind === 'commit' || xact.kind === 'commit-prepared') this.commits++;
      else this.aborts++;
      this.addTime(xact.time);
      this.addXid(xact.xid);
    } else if (view.restorePoint) {
      this.restorePoints.push({
        name: view.restorePoint.name,
        time: view.restorePoint.time,
        lsn: (BigInt(view.lsnHigh) << 32n) | BigInt(view.lsnLow),
        endLsn: cursor.lsnAt(view.endOffset),
      });
    }
  }

  private addTime(time: bigint): void {
    this.firstTime ??= time;
    this.lastTime = time;
    if (this.minTime === undefined || time < this.minTime) this.minTime = time;
    if (this.maxTime === undefined || time > this.maxTime) this.maxTime = time;
  }

  private addXid(xid: number): void {
    if (xid < firstNormalXid) return;
    if (this.minXid === undefined || xidPrecedes(xid, this.minXid)) this.minXid = xid;
    if (this.maxXid === undefined || xidPrecedes(this.maxXid, xid)) this.maxXid = xid;
  }

  summary() {
    const summary: Omit<WalSegmentIndex, keyof WalSegmentRead | 'firstRecordLsn' | 'lastRecordEndLsn'> = {
      records: this.records,
      commits: this.commits,
      aborts: this.aborts,
      restorePoints: this.restorePoints,
    };
    if (this.firstTime !== undefined) summary.firstXactTime = this.firstTime;
    if (this.lastTime !== undefined) summary.lastXactTime = this.lastTime;
    if (this.minTime !== undefined) summary.minXactTime = this.minTime;
    if (this.maxTime !== undefined) summary.maxXactTime = this.maxTime;
    if (this.minXid !== undefined) summary.minXid = this.minXid;
    if (this.maxXid !== undefined) summary.maxXid = this.maxXid;
    return summary;
  }
}
