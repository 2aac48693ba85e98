import type { Lsn } from '../lsn';
import { pageHeaderProblem, parsePageHeader } from './page-header';
import type { PendingRecord } from './pending-record';
import { pageFlags } from './wal-format';
import type { WalStreamFormat } from './wal-stream-format';

// What a walk carries from one segment to the next along a timeline, and how it ends.

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

export type WalkState = {
  format: WalStreamFormat;
  /** Start of the last valid record, which each record's xl_prev must point at (when hasPrev). */
  prevHigh: number;
  prevLow: number;
  hasPrev: boolean;
  minTimeline: number;
  /** A record begun in an earlier segment, waiting for its continuation. */
  pending: PendingRecord | undefined;
};

export function initialWalkState(format: WalStreamFormat): WalkState {
  return { format, prevHigh: 0, prevLow: 0, hasPrev: false, minTimeline: 0, pending: undefined };
}

/** A copy to go back to: the pending record is cloned, as the walk adds to it. */
export function snapshotWalkState(state: WalkState): WalkState {
  return { ...state, pending: state.pending?.clone() };
}

export function restoreWalkState(state: WalkState, snapshot: WalkState): void {
  Object.assign(state, snapshotWalkState(snapshot));
}

const hex = (high: number, low: number) =>
  `${high.toString(16).toUpperCase()}/${low.toString(16).toUpperCase()}`;

/** xl_prev must point at the previous record (or, with none known, somewhere before this one). */
export function prevLinkProblem(
  state: WalkState,
  buf: Buffer,
  at: number,
  high: number,
  low: number,
): string | undefined {
  const prevLow = buf.readUInt32LE(at + 8);
  const prevHigh = buf.readUInt32LE(at + 12);
  const ok = state.hasPrev
    ? prevHigh === state.prevHigh && prevLow === state.prevLow
    : prevHigh < high || (prevHigh === high && prevLow < low);
  if (ok) return undefined;
  const expected = state.hasPrev ? hex(state.prevHigh, state.prevLow) : 'an earlier LSN';
  return `record at ${hex(high, low)} has xl_prev ${hex(prevHigh, prevLow)}, expected ${expected}`;
}

/**
 * pageHeaderProblem's checks for a page after the first, on the page's words (magic | info << 16,
 * tli, pageaddr low, pageaddr high, rem_len), without allocating: true when the page is valid.
 */
export function quickPageCheck(
  state: WalkState,
  w: Int32Array,
  k: number,
  high: number,
  low: number,
): boolean {
  const first = w[k]!;
  const info = first >>> 16;
  return (
    (first & 0xffff) === state.format.magic &&
    (info & ~pageFlags.all) === 0 &&
    (info & pageFlags.longHeader) === 0 &&
    w[k + 2]! >>> 0 === low &&
    w[k + 3]! >>> 0 === high &&
    w[k + 1]! >>> 0 >= state.minTimeline
  );
}

/** The full page check, with the message: for the first page of a segment and pages that failed the quick one. */
export function checkPage(
  state: WalkState,
  bytes: Buffer,
  pageStart: number,
  pageAddress: Lsn,
): string | undefined {
  const { format } = state;
  return pageHeaderProblem(parsePageHeader(bytes, pageStart), {
    magic: format.magic,
    pageAddress,
    firstInSegment: pageStart === 0,
    systemId: format.systemId,
    segmentSize: format.segmentSize,
    blockSize: format.blockSize,
    minTimeline: state.minTimeline,
  });
}
