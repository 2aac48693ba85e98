// Facts about PostgreSQL's WAL format that the reader relies on, per major where they differ.
// Sources: src/include/access/xlog_internal.h, xlogrecord.h, xact.h, catalog/pg_control.h of
// each release branch; every magic number was also read off a real segment where a server of
// that major runs here (13, 14, 15, 18). All multi-byte fields are little-endian: PostgreSQL
// writes WAL in host order and every platform Cellar supports is little-endian.

export const walMajors = [13, 14, 15, 16, 17, 18] as const;
export type WalMajor = (typeof walMajors)[number];

/** XLOG_PAGE_MAGIC, bumped by PostgreSQL whenever the WAL format changes. */
export const pageMagicByMajor: Readonly<Record<WalMajor, number>> = {
  13: 0xd106,
  14: 0xd10d,
  15: 0xd110,
  16: 0xd113,
  17: 0xd116,
  18: 0xd118,
};

// Older majors' magics, only to name the version in the refusal.
const olderMagics: ReadonlyArray<readonly [number, string]> = [
  [0xd101, '12'],
  [0xd098, '11'],
  [0xd097, '10'],
  [0xd093, '9.6'],
  [0xd087, '9.5'],
  [0xd07e, '9.4'],
];

export class WalFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WalFormatError';
  }
}

export function majorOfPageMagic(magic: number): WalMajor | undefined {
  return walMajors.find((major) => pageMagicByMajor[major] === magic);
}

export function describeUnsupportedMagic(magic: number): string {
  const hex = `0x${magic.toString(16).toUpperCase().padStart(4, '0')}`;
  const older = olderMagics.find(([value]) => value === magic)?.[1];
  const supported = `Cellar reads the WAL of PostgreSQL ${walMajors[0]} to ${walMajors.at(-1)}`;
  if (older) return `WAL page magic ${hex} is PostgreSQL ${older}'s: ${supported}.`;
  if (magic > pageMagicByMajor[18] && magic < 0xd200)
    return `WAL page magic ${hex} is from a PostgreSQL newer than 18: ${supported}; upgrade Cellar.`;
  return `WAL page magic ${hex} is not a PostgreSQL WAL format Cellar knows: ${supported}.`;
}

/** MAXALIGN on every platform PostgreSQL supports: records start on 8-byte boundaries. */
export const maxAlign = 8;
export const alignUp = (n: number): number => (n + 7) & ~7;

// XLogPageHeaderData: magic u16, info u16, tli u32, pageaddr u64, rem_len u32 (+4 padding to MAXALIGN).
export const shortPageHeaderSize = 24;
// XLogLongPageHeaderData: the short header, then sysid u64, seg_size u32, xlog_blcksz u32.
export const longPageHeaderSize = 40;

export const pageFlags = {
  firstIsContrecord: 0x0001,
  longHeader: 0x0002,
  bkpRemovable: 0x0004,
  firstIsOverwriteContrecord: 0x0008,
  all: 0x000f,
} as const;

// XLogRecord: tot_len u32, xid u32, prev u64, info u8, rmid u8, 2 padding, crc u32.
export const recordHeaderSize = 24;
/** xl_crc covers the record after the header, then the header up to (not including) xl_crc. */
export const recordCrcOffset = 20;
/** XLogRecordMaxSize (1020 MiB, PostgreSQL 15+); older majors stop at MaxAllocSize, a little higher. */
export const maxRecordLength = 1020 * 1024 * 1024;

export const rmgr = { xlog: 0, xact: 1 } as const;
/** The high four bits of xl_info belong to the resource manager. */
export const rmgrInfoMask = 0xf0;

// RM_XLOG_ID info values (pg_control.h).
export const xlogInfo = { switch: 0x40, restorePoint: 0x70, overwriteContrecord: 0xd0 } as const;

// RM_XACT_ID info values (xact.h): three opcode bits and a has-xinfo flag.
export const xactInfo = {
  commit: 0x00,
  prepare: 0x10,
  abort: 0x20,
  commitPrepared: 0x30,
  abortPrepared: 0x40,
  opMask: 0x70,
  hasInfo: 0x80,
} as const;

export const xactXinfo = {
  hasDbInfo: 1 << 0,
  hasSubxacts: 1 << 1,
  hasRelfilenodes: 1 << 2,
  hasInvals: 1 << 3,
  hasTwophase: 1 << 4,
  hasOrigin: 1 << 5,
  hasAeLocks: 1 << 6,
  hasGid: 1 << 7,
  /** PostgreSQL 15+. */
  hasDroppedStats: 1 << 8,
} as const;

/** xl_restore_point: TimestampTz rp_time, then char rp_name[MAXFNAMELEN = 64]. */
export const restorePointSize = 8 + 64;

// Block ids of the record body (xlogrecord.h); 0 … 32 are block references.
export const blockId = {
  maxBlock: 32,
  toplevelXid: 252,
  origin: 253,
  dataLong: 254,
  dataShort: 255,
} as const;

export const bkpBlock = { hasImage: 0x10, hasData: 0x20, willInit: 0x40, sameRel: 0x80 } as const;
export const bkpImageHasHole = 0x01;

/** RelFileNode / RelFileLocator (3 × Oid) and BlockNumber, as they follow a block header. */
export const relFileLocatorSize = 12;
export const blockNumberSize = 4;
/** SharedInvalidationMessage: a union whose largest member (the smgr message) is 16 bytes. */
export const sharedInvalMessageSize = 16;

/**
 * Major-dependent layouts: how a compressed full-page image is flagged (13/14 had one
 * BKPIMAGE_IS_COMPRESSED bit 0x02; 15 moved APPLY to 0x02 and added one bit per method:
 * PGLZ 0x04, LZ4 0x08, ZSTD 0x10), and the size of xl_xact_stats_item (15 added it as
 * {kind, dboid, objoid}; 18 widened objid to two uint32s).
 */
export type WalLayout = { major: WalMajor; imageCompressedMask: number; statsItemSize: number };

export function walLayout(major: WalMajor): WalLayout {
  return {
    major,
    imageCompressedMask: major <= 14 ? 0x02 : 0x04 | 0x08 | 0x10,
    statsItemSize: major <= 14 ? 0 : major <= 17 ? 12 : 16,
  };
}
