import { assertLsn, type Lsn } from './lsn';

// WAL file names as PostgreSQL's xlog_internal.h builds and recognises them. The checks are strict
// on purpose: names arrive over the network (archive push, restore get) and become paths.

export const defaultWalSegmentSize = 16 * 1024 * 1024;
const minSegmentSize = 1024 * 1024;
const maxSegmentSize = 1024 * 1024 * 1024;

export type WalSegment = { timeline: number; segno: bigint };

export class WalNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WalNameError';
  }
}

// IsXLogFileName() & co. accept upper-case hex only; lower case is not a WAL file name.
const segmentPattern = /^[0-9A-F]{24}$/;
const partialPattern = /^([0-9A-F]{24})\.partial$/;
const historyPattern = /^([0-9A-F]{8})\.history$/;
const backupHistoryPattern = /^([0-9A-F]{24})\.([0-9A-F]{8})\.backup$/;

/** wal_segment_size must be a power of two between 1 MiB and 1 GiB (initdb --wal-segsize). */
export function isValidWalSegmentSize(size: number): boolean {
  return (
    Number.isInteger(size) && size >= minSegmentSize && size <= maxSegmentSize && (size & (size - 1)) === 0
  );
}

export function assertWalSegmentSize(size: number): number {
  if (!isValidWalSegmentSize(size))
    throw new WalNameError(
      `${size} is not a valid wal_segment_size: use a power of two from 1 MiB to 1 GiB.`,
    );
  return size;
}

/** XLogSegmentsPerXLogId: a "log" (the middle 8 hex digits) spans 4 GiB of WAL. */
export function segmentsPerLogId(segmentSize = defaultWalSegmentSize): bigint {
  return 0x1_0000_0000n / BigInt(assertWalSegmentSize(segmentSize));
}

function assertTimeline(timeline: number): number {
  // Timeline 0 does not exist: the first timeline is 1 and TimeLineID is a uint32.
  if (!Number.isInteger(timeline) || timeline < 1 || timeline > 0xffff_ffff)
    throw new WalNameError(`${timeline} is not a timeline (1 … FFFFFFFF).`);
  return timeline;
}

function maxSegno(segmentSize: number): bigint {
  return 0xffff_ffff_ffff_ffffn / BigInt(segmentSize);
}

function assertSegno(segno: bigint, segmentSize: number): bigint {
  if (segno < 0n || segno > maxSegno(segmentSize))
    throw new WalNameError(`Segment number ${segno} is outside the WAL address space.`);
  return segno;
}

const hex8 = (value: number | bigint) => value.toString(16).toUpperCase().padStart(8, '0');

/** XLogFileName(): timeline, then segno split into "log" and "seg", 8 upper-case hex digits each. */
export function walSegmentName(segment: WalSegment, segmentSize = defaultWalSegmentSize): string {
  const perLog = segmentsPerLogId(segmentSize);
  assertTimeline(segment.timeline);
  assertSegno(segment.segno, segmentSize);
  return `${hex8(segment.timeline)}${hex8(segment.segno / perLog)}${hex8(segment.segno % perLog)}`;
}

/** The inverse of walSegmentName; rejects a "seg" part that this segment size never produces. */
export function parseWalSegmentName(name: string, segmentSize = defaultWalSegmentSize): WalSegment {
  const perLog = segmentsPerLogId(segmentSize);
  if (!segmentPattern.test(name))
    throw new WalNameError(`"${shorten(name)}" is not a WAL segment name (24 upper-case hex digits).`);
  const timeline = Number.parseInt(name.slice(0, 8), 16);
  const log = BigInt(`0x${name.slice(8, 16)}`);
  const seg = BigInt(`0x${name.slice(16, 24)}`);
  if (timeline === 0) throw new WalNameError(`"${name}" names timeline 0, which does not exist.`);
  if (seg >= perLog)
    throw new WalNameError(
      `"${name}" cannot exist with ${segmentSize}-byte segments (at most ${perLog} segments per log file).`,
    );
  return { timeline, segno: log * perLog + seg };
}

export function isWalSegmentName(name: string, segmentSize = defaultWalSegmentSize): boolean {
  return isValid(() => parseWalSegmentName(name, segmentSize));
}

/** `<segment>.partial`: what a streaming receiver (or a promotion) leaves of an unfinished segment. */
export function isPartialName(name: string, segmentSize = defaultWalSegmentSize): boolean {
  const match = partialPattern.exec(name);
  return match?.[1] !== undefined && isWalSegmentName(match[1], segmentSize);
}

/** `<timeline>.history`, written when a timeline is created (never for timeline 1). */
export function isHistoryFileName(name: string): boolean {
  const match = historyPattern.exec(name);
  return match?.[1] !== undefined && Number.parseInt(match[1], 16) > 0;
}

export function historyFileName(timeline: number): string {
  return `${hex8(assertTimeline(timeline))}.history`;
}

export function parseHistoryFileName(name: string): number {
  const match = historyPattern.exec(name);
  const timeline = match?.[1] === undefined ? 0 : Number.parseInt(match[1], 16);
  if (timeline === 0)
    throw new WalNameError(
      `"${shorten(name)}" is not a timeline history file name (8 upper-case hex digits + .history).`,
    );
  return timeline;
}

/** BackupHistoryFileName(): `<segment of backup start>.<start offset in that segment>.backup`. */
export function isBackupHistoryName(name: string, segmentSize = defaultWalSegmentSize): boolean {
  const match = backupHistoryPattern.exec(name);
  if (match?.[1] === undefined || match[2] === undefined) return false;
  return isWalSegmentName(match[1], segmentSize) && Number.parseInt(match[2], 16) < segmentSize;
}

export function backupHistoryFileName(
  timeline: number,
  startLsn: Lsn,
  segmentSize = defaultWalSegmentSize,
): string {
  const segno = segmentOfLsn(startLsn, segmentSize);
  return `${walSegmentName({ timeline, segno }, segmentSize)}.${hex8(startLsn % BigInt(segmentSize))}.backup`;
}

/**
 * The repository's per-"log" directory: timeline + log, the first 16 hex digits of the name of a
 * segment, a partial segment or a backup history file (the files stored beside segments).
 */
export function walHashDirectory(name: string, segmentSize = defaultWalSegmentSize): string {
  if (
    !isWalSegmentName(name, segmentSize) &&
    !isPartialName(name, segmentSize) &&
    !isBackupHistoryName(name, segmentSize)
  ) {
    throw new WalNameError(
      `"${shorten(name)}" is not the name of a WAL segment, partial segment or backup history file.`,
    );
  }
  return name.slice(0, 16);
}

/** XLByteToSeg(): the segment holding the byte at `lsn`. */
export function segmentOfLsn(lsn: Lsn, segmentSize = defaultWalSegmentSize): bigint {
  assertWalSegmentSize(segmentSize);
  return assertLsn(lsn) / BigInt(segmentSize);
}

/** XLByteToPrevSeg(): the segment holding the byte just before `lsn`, i.e. where WAL ending at `lsn` lives. */
export function segmentOfEndLsn(lsn: Lsn, segmentSize = defaultWalSegmentSize): bigint {
  assertWalSegmentSize(segmentSize);
  if (assertLsn(lsn) === 0n) throw new WalNameError('No WAL ends at 0/0.');
  return (lsn - 1n) / BigInt(segmentSize);
}

/** XLogSegNoOffsetToRecPtr(segno, 0): the LSN of the first byte of a segment. */
export function segmentStartLsn(segno: bigint, segmentSize = defaultWalSegmentSize): Lsn {
  assertWalSegmentSize(segmentSize);
  return assertSegno(segno, segmentSize) * BigInt(segmentSize);
}

/** Byte offset of `lsn` inside its segment (XLogSegmentOffset). */
export function segmentOffset(lsn: Lsn, segmentSize = defaultWalSegmentSize): number {
  assertWalSegmentSize(segmentSize);
  return Number(assertLsn(lsn) % BigInt(segmentSize));
}

export function nextWalSegmentName(name: string, segmentSize = defaultWalSegmentSize): string {
  const { timeline, segno } = parseWalSegmentName(name, segmentSize);
  return walSegmentName({ timeline, segno: segno + 1n }, segmentSize);
}

/** Segment names from `first` to `last` inclusive, on one timeline, lazily (a range can be huge). */
export function* walSegmentNames(
  timeline: number,
  first: bigint,
  last: bigint,
  segmentSize = defaultWalSegmentSize,
): Generator<string> {
  assertTimeline(timeline);
  assertSegno(first, segmentSize);
  assertSegno(last, segmentSize);
  for (let segno = first; segno <= last; segno++) yield walSegmentName({ timeline, segno }, segmentSize);
}

/** The segments holding WAL in [startLsn, endLsn): what a backup taken between them needs. */
export function walSegmentNamesForRange(
  timeline: number,
  startLsn: Lsn,
  endLsn: Lsn,
  segmentSize = defaultWalSegmentSize,
): Generator<string> {
  if (endLsn < startLsn) throw new WalNameError('The end of a WAL range cannot precede its start.');
  const first = segmentOfLsn(startLsn, segmentSize);
  const last = endLsn === startLsn ? first : segmentOfEndLsn(endLsn, segmentSize);
  return walSegmentNames(timeline, first, last, segmentSize);
}

function isValid(check: () => unknown): boolean {
  try {
    check();
    return true;
  } catch {
    return false;
  }
}

function shorten(name: string): string {
  return name.length > 60 ? `${name.slice(0, 60)}…` : name;
}
