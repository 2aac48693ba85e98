import type { Lsn } from '../lsn';
import type { RecordView } from './record-view';
import type { CrcMode } from './segment-walker';
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
  /** The records whose CRC was verified: 'all', or with WalReaderOptions.crc 'decoded' the decoded ones. */
  crcChecked: CrcMode;
};

/** Indexes consecutive segments of one timeline, in order; segments may arrive one at a time. */
export class WalIndexer {
  readonly reader: WalReader;

  constructor(options: WalReaderOptions = {}) {
    this.reader = new WalReader(options);
  }

  indexSegment(bytes: Buffer, segno: bigint): WalSegmentIndex {
    if (this.reader.crc === 'all') return this.index(bytes, segno, 'all');
    const before = this.reader.snapshot();
    const quick = this.index(bytes, segno, 'decoded');
    if (quick.end === undefined) return quick;
    // Valid WAL ends here: a torn record may sit just before the end that only its CRC reveals,
    // so the segment is read again with every CRC, to end exactly where recovery would.
    this.reader.restore(before);
    return this.index(bytes, segno, 'all');
  }

  private index(bytes: Buffer, segno: bigint, crc: CrcMode): WalSegmentIndex {
    const cursor = this.reader.open(bytes, segno, crc, true);
    const acc = new SegmentAccumulator();
    for (let view = cursor.nextView(); view; view = cursor.nextView()) acc.add(view, cursor);
    const walk = cursor.walk;
    const index: WalSegmentIndex = { ...cursor.result(), ...acc.summary(walk.count), crcChecked: crc };
    if (walk.count > 0) {
      index.firstRecordLsn = (BigInt(walk.firstHigh) << 32n) | BigInt(walk.firstLow);
      index.lastRecordEndLsn = cursor.lsnAt(walk.lastEnd);
    }
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

  summary(records: number) {
    const summary: Omit<
      WalSegmentIndex,
      keyof WalSegmentRead | 'firstRecordLsn' | 'lastRecordEndLsn' | 'crcChecked'
    > = {
      records,
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
