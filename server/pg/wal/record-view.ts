import type { Lsn } from '../lsn';
import { parseRestorePoint, type RestorePointBody } from './restore-point';
import { locateMainData, type MainData } from './record-body';
import { rmgr, rmgrInfoMask, xlogInfo, type WalLayout } from './wal-format';
import { parseXactEnd, xactKindOf, type XactEnd } from './xact-record';

// What the segment walker knows about the record it just read. One object is reused for every
// record of a walk (the index reads hundreds of thousands per segment): callers copy what they
// keep. LSNs stay as 32-bit halves here; the public iterator turns them into bigints.

export type RecordView = {
  lsnHigh: number;
  lsnLow: number;
  /** MAXALIGNed end of the record as an offset in the segment being read (up to its size). */
  endOffset: number;
  totalLength: number;
  xid: number;
  /** xl_info, all eight bits. */
  info: number;
  rmid: number;
  xact: XactEnd | undefined;
  restorePoint: RestorePointBody | undefined;
};

export function emptyRecordView(): RecordView {
  return {
    lsnHigh: 0,
    lsnLow: 0,
    endOffset: 0,
    totalLength: 0,
    xid: 0,
    info: 0,
    rmid: 0,
    xact: undefined,
    restorePoint: undefined,
  };
}

export function lsnOfHalves(high: number, low: number): Lsn {
  return (BigInt(high) << 32n) | BigInt(low);
}

/** Whether the reader decodes the body of a record with this rmid and xl_info: commits, aborts, restore points. */
export function isDecodedKind(rmid: number, info: number): boolean {
  if (rmid === rmgr.xact) return xactKindOf(info & rmgrInfoMask) !== undefined;
  return rmid === rmgr.xlog && (info & rmgrInfoMask) === xlogInfo.restorePoint;
}

export function isSwitch(rmid: number, info: number): boolean {
  return rmid === rmgr.xlog && (info & rmgrInfoMask) === xlogInfo.switch;
}

/** For PendingRecord: keep the pieces of records whose body will be decoded. */
export function keepBody(header: Buffer): boolean {
  return isDecodedKind(header[17]!, header[16]!);
}

const mainScratch: MainData = { offset: 0, length: 0 };

/**
 * Fills `view` from the record header at `start` in `buf` and decodes the body when the reader
 * needs it (`buf` then holds the whole record contiguously); returns what is wrong with the body.
 */
export function describeRecord(
  view: RecordView,
  buf: Buffer,
  start: number,
  decodeBody: boolean,
  layout: WalLayout,
): string | undefined {
  view.totalLength = buf.readUInt32LE(start);
  view.xid = buf.readUInt32LE(start + 4);
  view.info = buf[start + 16]!;
  view.rmid = buf[start + 17]!;
  view.xact = undefined;
  view.restorePoint = undefined;
  if (!decodeBody) return undefined;
  const main = locateMainData(buf, start, view.totalLength, layout, mainScratch);
  if (typeof main === 'string') return main;
  const info = view.info & rmgrInfoMask;
  if (view.rmid === rmgr.xact) {
    const xact = parseXactEnd(buf, main.offset, main.length, info, view.xid, layout);
    if (typeof xact === 'string') return xact;
    view.xact = xact;
  } else {
    const point = parseRestorePoint(buf, main.offset, main.length);
    if (typeof point === 'string') return point;
    view.restorePoint = point;
  }
  return undefined;
}
