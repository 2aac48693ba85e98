import { CorruptInputError } from './corrupt-input-error';
import { xxhash32 } from './xxhash32';

// Finds LZ4 frame boundaries without decompressing (lz4_Frame_format.md, v1.6.4): lz4-napi only
// decodes whole buffers and stops after the first frame, so a reader of concatenated frames must
// cut the stream itself. Frames Cellar writes hold one 1–4 MiB block; the limit keeps a hostile
// or foreign file (one `lz4` CLI frame for a whole relation) from being buffered unboundedly.

export const LZ4_MAGIC = 0x184d2204;
const LEGACY_MAGIC = 0x184c2102;
const SKIPPABLE_FIRST = 0x184d2a50;
const SKIPPABLE_LAST = 0x184d2a5f;

/** The largest frame the reader buffers, compressed and (as an upper bound) decompressed. */
export const MAX_LZ4_FRAME_BYTES = 64 * 1024 * 1024;

const FLG_VERSION_MASK = 0xc0;
const FLG_VERSION_01 = 0x40;
const FLG_INDEPENDENT_BLOCKS = 0x20;
const FLG_BLOCK_CHECKSUM = 0x10;
const FLG_CONTENT_SIZE = 0x08;
const FLG_CONTENT_CHECKSUM = 0x04;
const FLG_RESERVED = 0x02;
const FLG_DICT_ID = 0x01;
const BD_RESERVED = 0x8f;
const UNCOMPRESSED_BLOCK = 0x80000000;

export type Lz4Descriptor = {
  independentBlocks: boolean;
  blockChecksums: boolean;
  contentChecksum: boolean;
  contentSize: number | undefined;
  blockMaxSize: number;
  /** Magic number, descriptor and header checksum byte. */
  headerLength: number;
};

/** Where a scan of one frame stopped for want of bytes; pass it back to resume there. */
export type Lz4Cursor = { descriptor: Lz4Descriptor; offset: number; contentBound: number };

export type Lz4Header =
  | { kind: 'need'; bytes: number }
  | { kind: 'skippable'; length: number }
  | { kind: 'frame'; descriptor: Lz4Descriptor };

export type Lz4Scan =
  /** At least `bytes` bytes from the frame's start are needed before scanning again. */
  | { kind: 'need'; bytes: number; cursor: Lz4Cursor | undefined }
  /** A skippable frame (header included) to drop unread. */
  | { kind: 'skippable'; length: number }
  /** A complete frame of `length` bytes that decompresses to at most `contentBound` bytes. */
  | { kind: 'frame'; length: number; descriptor: Lz4Descriptor; contentBound: number };

function corrupt(message: string): CorruptInputError {
  return new CorruptInputError('lz4', message);
}

function hex(value: number): string {
  return `0x${value.toString(16).toUpperCase().padStart(8, '0')}`;
}

function size(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024} MiB` : `${bytes} bytes`;
}

/** Parses the header at the start of `buf`, validating every reserved bit and the header checksum. */
export function parseLz4Header(buf: Uint8Array, maxFrameBytes = MAX_LZ4_FRAME_BYTES): Lz4Header {
  if (buf.length < 4) return { kind: 'need', bytes: 4 };
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const magic = view.getUint32(0, true);
  if (magic >= SKIPPABLE_FIRST && magic <= SKIPPABLE_LAST) {
    if (buf.length < 8) return { kind: 'need', bytes: 8 };
    return { kind: 'skippable', length: 8 + view.getUint32(4, true) };
  }
  if (magic === LEGACY_MAGIC) throw corrupt('legacy frame format (lz4 -l) is not supported');
  if (magic !== LZ4_MAGIC)
    throw corrupt(`bad magic number ${hex(magic)} where a frame should start (not lz4 data, or corrupt)`);
  if (buf.length < 7) return { kind: 'need', bytes: 7 };
  const flg = view.getUint8(4);
  const bd = view.getUint8(5);
  if ((flg & FLG_VERSION_MASK) !== FLG_VERSION_01) throw corrupt(`unsupported frame version ${flg >> 6}`);
  if (flg & FLG_RESERVED || bd & BD_RESERVED) throw corrupt('reserved bits set in the frame descriptor');
  const blockSizeId = bd >> 4;
  if (blockSizeId < 4) throw corrupt(`invalid block maximum size id ${blockSizeId}`);
  if (flg & FLG_DICT_ID) throw corrupt('frame needs a dictionary, which Cellar never uses');
  const headerLength = flg & FLG_CONTENT_SIZE ? 15 : 7;
  if (buf.length < headerLength) return { kind: 'need', bytes: headerLength };
  const expected = (xxhash32(buf.subarray(4, headerLength - 1)) >>> 8) & 0xff;
  if (view.getUint8(headerLength - 1) !== expected)
    throw corrupt('frame header checksum mismatch (corrupt header)');
  let contentSize: number | undefined;
  if (flg & FLG_CONTENT_SIZE) {
    const declared = view.getBigUint64(6, true);
    if (declared > BigInt(maxFrameBytes)) {
      throw corrupt(
        `frame declares ${declared} bytes of content, over the ${size(maxFrameBytes)} a frame may hold here`,
      );
    }
    contentSize = Number(declared);
  }
  return {
    kind: 'frame',
    descriptor: {
      independentBlocks: (flg & FLG_INDEPENDENT_BLOCKS) !== 0,
      blockChecksums: (flg & FLG_BLOCK_CHECKSUM) !== 0,
      contentChecksum: (flg & FLG_CONTENT_CHECKSUM) !== 0,
      contentSize,
      blockMaxSize: 1 << (8 + 2 * blockSizeId),
      headerLength,
    },
  };
}

/**
 * Scans the frame at the start of `buf` up to its end, or as far as `buf` goes. Each block is
 * looked at once: a scan resumed from `cursor` starts at the first block not yet seen.
 */
export function scanLz4Frame(
  buf: Uint8Array,
  cursor?: Lz4Cursor,
  maxFrameBytes = MAX_LZ4_FRAME_BYTES,
): Lz4Scan {
  let position = cursor;
  if (!position) {
    const header = parseLz4Header(buf, maxFrameBytes);
    if (header.kind !== 'frame') return header.kind === 'need' ? { ...header, cursor: undefined } : header;
    position = { descriptor: header.descriptor, offset: header.descriptor.headerLength, contentBound: 0 };
  }
  const { descriptor } = position;
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let { offset, contentBound } = position;
  for (;;) {
    if (buf.length < offset + 4)
      return { kind: 'need', bytes: offset + 4, cursor: { descriptor, offset, contentBound } };
    const word = view.getUint32(offset, true);
    if (word === 0) {
      const length = offset + 4 + (descriptor.contentChecksum ? 4 : 0);
      if (length > maxFrameBytes) throw tooLarge('is', maxFrameBytes);
      if (buf.length < length)
        return { kind: 'need', bytes: length, cursor: { descriptor, offset, contentBound } };
      return {
        kind: 'frame',
        length,
        descriptor,
        contentBound: Math.min(contentBound, descriptor.contentSize ?? contentBound),
      };
    }
    const blockSize = (word & ~UNCOMPRESSED_BLOCK) >>> 0;
    if (blockSize > descriptor.blockMaxSize) {
      throw corrupt(
        `block of ${blockSize} bytes at offset ${offset} exceeds the frame's maximum block size of ${size(descriptor.blockMaxSize)}`,
      );
    }
    contentBound += (word & UNCOMPRESSED_BLOCK) !== 0 ? blockSize : descriptor.blockMaxSize;
    offset += 4 + blockSize + (descriptor.blockChecksums ? 4 : 0);
    // +4: the end mark the frame still needs.
    if (offset + 4 > maxFrameBytes) throw tooLarge('is', maxFrameBytes);
    if (contentBound > maxFrameBytes) throw tooLarge('may decompress to', maxFrameBytes);
  }
}

function tooLarge(what: string, maxFrameBytes: number): CorruptInputError {
  return corrupt(
    `frame ${what} more than ${size(maxFrameBytes)}; Cellar writes frames of a few MiB and refuses to buffer larger ones`,
  );
}
