import { formatLsn, type Lsn } from '../lsn';
import { longPageHeaderSize, pageFlags, shortPageHeaderSize } from './wal-format';

// XLogPageHeaderData starts every WAL page; the first page of a segment carries the long form
// (XLogLongPageHeaderData) that identifies the cluster and the sizes it was built with.

export type PageHeader = {
  magic: number;
  info: number;
  /** xlp_tli: the timeline of the first record that starts on this page. */
  timeline: number;
  /** xlp_pageaddr: the LSN of the page's first byte. */
  pageAddress: Lsn;
  /** xlp_rem_len: bytes of a record begun on an earlier page that continue here. */
  remainingLength: number;
  /** Long header only. */
  systemId?: bigint;
  segmentSize?: number;
  blockSize?: number;
};

export function isLongPageHeader(info: number): boolean {
  return (info & pageFlags.longHeader) !== 0;
}

export function pageHeaderSize(info: number): number {
  return isLongPageHeader(info) ? longPageHeaderSize : shortPageHeaderSize;
}

/** Reads the header of the page at `offset`; `buf` must hold its first 40 (long) or 24 bytes. */
export function parsePageHeader(view: Buffer, offset: number): PageHeader {
  const info = view.readUInt16LE(offset + 2);
  const header: PageHeader = {
    magic: view.readUInt16LE(offset),
    info,
    timeline: view.readUInt32LE(offset + 4),
    pageAddress: view.readBigUInt64LE(offset + 8),
    remainingLength: view.readUInt32LE(offset + 16),
  };
  if (isLongPageHeader(info) && offset + longPageHeaderSize <= view.length) {
    header.systemId = view.readBigUInt64LE(offset + 24);
    header.segmentSize = view.readUInt32LE(offset + 32);
    header.blockSize = view.readUInt32LE(offset + 36);
  }
  return header;
}

export type PageExpectation = {
  magic: number;
  pageAddress: Lsn;
  /** Set for the first page of a segment, which must carry the long header. */
  firstInSegment: boolean;
  systemId: bigint;
  segmentSize: number;
  blockSize: number;
  /** Timelines never go backwards along the WAL (xlogreader's "out-of-sequence timeline ID"). */
  minTimeline: number;
};

/** What is wrong with a page header, as xlogreader's XLogReaderValidatePageHeader checks it; undefined when valid. */
export function pageHeaderProblem(header: PageHeader, expected: PageExpectation): string | undefined {
  const at = pageAt.bind(undefined, expected.pageAddress);
  if (header.magic === 0 && header.info === 0 && header.pageAddress === 0n)
    return `the page at ${at()} was never written (zeroed)`;
  if (header.magic !== expected.magic)
    return `invalid magic number ${hex4(header.magic)} in the page at ${at()} (expected ${hex4(expected.magic)})`;
  if ((header.info & ~pageFlags.all) !== 0)
    return `invalid info bits ${hex4(header.info)} in the page at ${at()}`;
  if (expected.firstInSegment && !isLongPageHeader(header.info))
    return `the first page of the segment at ${at()} has no long header`;
  if (isLongPageHeader(header.info)) {
    if (header.systemId !== expected.systemId)
      return `the page at ${at()} is from another database system (system identifier ${header.systemId}, expected ${expected.systemId})`;
    if (header.segmentSize !== expected.segmentSize || header.blockSize !== expected.blockSize)
      return `the page at ${at()} declares segment size ${header.segmentSize} and block size ${header.blockSize}, expected ${expected.segmentSize} and ${expected.blockSize}`;
  }
  if (header.pageAddress !== expected.pageAddress)
    return `unexpected page address ${formatLsn(header.pageAddress)} in the page at ${at()} (a recycled or misplaced segment)`;
  if (header.timeline < expected.minTimeline)
    return `out-of-sequence timeline ${header.timeline} (after ${expected.minTimeline}) in the page at ${at()}`;
  return undefined;
}

function pageAt(address: Lsn): string {
  return formatLsn(address);
}

function hex4(value: number): string {
  return `0x${value.toString(16).toUpperCase().padStart(4, '0')}`;
}
