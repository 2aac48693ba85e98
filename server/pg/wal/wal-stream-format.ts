import { defaultWalSegmentSize, isValidWalSegmentSize } from '../wal-name';
import { parsePageHeader, isLongPageHeader } from './page-header';
import {
  describeUnsupportedMagic,
  longPageHeaderSize,
  majorOfPageMagic,
  pageMagicByMajor,
  walLayout,
  WalFormatError,
  type WalLayout,
  type WalMajor,
} from './wal-format';

// The format of one cluster's WAL, learnt from the long header on the first page of the first
// segment read, then required of every page after it.

export type WalStreamFormat = {
  major: WalMajor;
  layout: WalLayout;
  magic: number;
  segmentSize: number;
  blockSize: number;
  systemId: bigint;
};

export type FormatOptions = {
  /** Refuse WAL of any other major. */
  major?: WalMajor;
};

/** True when the first page was never written: nothing to learn, and no WAL in this segment. */
export function isZeroPage(bytes: Buffer): boolean {
  const end = Math.min(bytes.length, longPageHeaderSize);
  for (let i = 0; i < end; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** Reads the format from a segment's first page; throws WalFormatError for WAL Cellar cannot read. */
export function readStreamFormat(bytes: Buffer, options: FormatOptions): WalStreamFormat {
  if (bytes.length < longPageHeaderSize)
    throw new WalFormatError(
      `A WAL segment starts with a ${longPageHeaderSize}-byte page header; got ${bytes.length} bytes.`,
    );
  const header = parsePageHeader(bytes, 0);
  const major = majorOfPageMagic(header.magic);
  if (major === undefined) throw new WalFormatError(describeUnsupportedMagic(header.magic));
  if (options.major !== undefined && options.major !== major)
    throw new WalFormatError(
      `This WAL was written by PostgreSQL ${major} (page magic 0x${header.magic.toString(16).toUpperCase()}), not ${options.major}.`,
    );
  if (!isLongPageHeader(header.info) || header.segmentSize === undefined || header.blockSize === undefined)
    throw new WalFormatError(
      'The first page has no long page header: these bytes are not the start of a WAL segment.',
    );
  if (!isValidWalSegmentSize(header.segmentSize))
    throw new WalFormatError(
      `The segment header declares an impossible segment size (${header.segmentSize} bytes).`,
    );
  if (!isValidBlockSize(header.blockSize, header.segmentSize))
    throw new WalFormatError(
      `The segment header declares an impossible WAL block size (${header.blockSize} bytes).`,
    );
  return {
    major,
    layout: walLayout(major),
    magic: pageMagicByMajor[major],
    segmentSize: header.segmentSize,
    blockSize: header.blockSize,
    systemId: header.systemId ?? 0n,
  };
}

/** The segment size to place a segment whose first page says nothing (zeroed): what is known, or the file's length. */
export function fallbackSegmentSize(known: number | undefined, bytes: Buffer): number {
  if (known !== undefined) return known;
  return isValidWalSegmentSize(bytes.length) ? bytes.length : defaultWalSegmentSize;
}

// --with-wal-blocksize allows 1 to 64 kB in powers of two.
function isValidBlockSize(size: number, segmentSize: number): boolean {
  return size >= 1024 && size <= 65536 && (size & (size - 1)) === 0 && size <= segmentSize;
}
