import {
  bkpBlock,
  bkpImageHasHole,
  blockId,
  blockNumberSize,
  recordHeaderSize,
  relFileLocatorSize,
  type WalLayout,
} from './wal-format';

// After the XLogRecord header come fragment headers, each starting with an id byte: block
// references (0 … 32), the origin (253) and top-level xid (252) annotations, and last the
// main-data header (255: u8 length, 254: u32 length). Then all block data in order, then the
// main data — the rmgr's own struct (xl_xact_commit, xl_restore_point, …), always last.

export type MainData = { offset: number; length: number };

/**
 * Finds the main data of the whole record at `start` (`buf` holds its `totalLength` bytes
 * contiguously), as DecodeXLogRecord walks it, into `found` (reused by the hot path); returns
 * what is wrong with the body instead when its headers do not add up.
 */
export function locateMainData(
  buf: Buffer,
  start: number,
  totalLength: number,
  layout: WalLayout,
  found: MainData = { offset: 0, length: 0 },
): MainData | string {
  const end = start + totalLength;
  let p = start + recordHeaderSize;
  let blockDataLength = 0;
  let mainLength = 0;
  // A header can only follow while more bytes remain than the block data announced so far.
  while (end - p > blockDataLength) {
    const id = buf[p++]!;
    if (id === blockId.dataShort || id === blockId.dataLong) {
      const size = id === blockId.dataShort ? 1 : 4;
      if (p + size > end) return 'truncated main data header';
      mainLength = id === blockId.dataShort ? buf[p]! : buf.readUInt32LE(p);
      p += size;
      break; // by convention the main data header is the last one
    }
    if (id === blockId.origin || id === blockId.toplevelXid) {
      p += id === blockId.origin ? 2 : 4;
      continue;
    }
    if (id > blockId.maxBlock) return `invalid block id ${id}`;
    const block = blockLength(buf, p, end, layout);
    if (typeof block === 'string') return `block ${id}: ${block}`;
    p = block.next;
    blockDataLength += block.dataLength;
  }
  if (end - p !== blockDataLength + mainLength)
    return `the record body holds ${end - p} bytes after its headers, the headers announce ${blockDataLength + mainLength}`;
  found.offset = p + blockDataLength;
  found.length = mainLength;
  return found;
}

type BlockExtent = { next: number; dataLength: number };

// XLogRecordBlockHeader (fork_flags u8, data_length u16), then an XLogRecordBlockImageHeader
// (length u16, hole_offset u16, bimg_info u8, + hole_length u16 if the image is compressed and
// has a hole), then a RelFileLocator unless SAME_REL, then the BlockNumber.
function blockLength(buf: Buffer, at: number, end: number, layout: WalLayout): BlockExtent | string {
  let p = at;
  if (p + 3 > end) return 'truncated block header';
  const forkFlags = buf[p]!;
  let dataLength = buf.readUInt16LE(p + 1);
  p += 3;
  if ((forkFlags & bkpBlock.hasImage) !== 0) {
    if (p + 5 > end) return 'truncated image header';
    const imageLength = buf.readUInt16LE(p);
    const imageInfo = buf[p + 4]!;
    p += 5;
    if ((imageInfo & bkpImageHasHole) !== 0 && (imageInfo & layout.imageCompressedMask) !== 0) p += 2;
    dataLength += imageLength;
  }
  if ((forkFlags & bkpBlock.sameRel) === 0) p += relFileLocatorSize;
  p += blockNumberSize;
  if (p > end) return 'truncated block header';
  return { next: p, dataLength };
}
