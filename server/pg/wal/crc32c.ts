// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) over a byte range, slicing-by-8.
// The same checksum as crc32cUpdate in server/repository/file-checksum.ts, rewritten for the
// WAL reader's hot loop, where it measured several times faster (bench/wal-index.ts):
// - one Int32Array of tables: a Uint32Array turns values >= 2^31 into heap doubles;
// - 32-bit words read through an Int32Array view of the segment (little-endian, like the WAL)
//   instead of four byte loads each, where the data is 4-byte aligned (WAL records are 8-aligned);
// - ranges are offsets, so checking a record does not allocate a subarray.

import { recordCrcOffset, recordHeaderSize } from './wal-format';

const tables = buildTables();

function buildTables(): Int32Array {
  const t = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let i = 256; i < 8 * 256; i++) {
    const previous = t[i - 256]!;
    t[i] = t[previous & 0xff]! ^ (previous >>> 8);
  }
  return t;
}

/** The state before any byte (INIT_CRC32C). */
export const crc32cInit = -1;

/** FIN_CRC32C: the checksum as an unsigned 32-bit number. */
export function crc32cFinish(state: number): number {
  return (state ^ -1) >>> 0;
}

/** Feeds data[start, end) into a running CRC-32C state (COMP_CRC32C); the range must lie inside `data`. */
export function crc32cRange(state: number, data: Uint8Array, start: number, end: number): number {
  const t = tables;
  let crc = state | 0;
  let i = start;
  const end8 = end - ((end - start) & 7);
  for (; i < end8; i += 8) {
    const a = crc ^ (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24));
    crc =
      t[1792 + (a & 0xff)]! ^
      t[1536 + ((a >>> 8) & 0xff)]! ^
      t[1280 + ((a >>> 16) & 0xff)]! ^
      t[1024 + (a >>> 24)]! ^
      t[768 + data[i + 4]!]! ^
      t[512 + data[i + 5]!]! ^
      t[256 + data[i + 6]!]! ^
      t[data[i + 7]!]!;
  }
  for (; i < end; i++) crc = t[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return crc;
}

/** A segment's bytes and, when their offset allows it (4-byte aligned), an Int32Array view of them. */
export type CrcSource = { bytes: Uint8Array; words: Int32Array | undefined };

/** Built once per segment: creating a view per record would cost more than it saves. */
export function crcSource(bytes: Uint8Array): CrcSource {
  const aligned = (bytes.byteOffset & 3) === 0;
  return {
    bytes,
    words: aligned ? new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2) : undefined,
  };
}

/** crc32cRange over source.bytes, loading two words per eight bytes where `start` is 4-byte aligned. */
export function crc32cSourceRange(state: number, source: CrcSource, start: number, end: number): number {
  const w = source.words;
  if (w === undefined || (start & 3) !== 0 || end - start < 16)
    return crc32cRange(state, source.bytes, start, end);
  const t = tables;
  let crc = state | 0;
  const pairs = (end - start) >> 3;
  const kEnd = (start >> 2) + pairs * 2;
  for (let k = start >> 2; k < kEnd; k += 2) {
    const a = crc ^ w[k]!;
    const b = w[k + 1]!;
    crc =
      t[1792 + (a & 0xff)]! ^
      t[1536 + ((a >>> 8) & 0xff)]! ^
      t[1280 + ((a >>> 16) & 0xff)]! ^
      t[1024 + (a >>> 24)]! ^
      t[768 + (b & 0xff)]! ^
      t[512 + ((b >>> 8) & 0xff)]! ^
      t[256 + ((b >>> 16) & 0xff)]! ^
      t[b >>> 24]!;
  }
  const bytes = source.bytes;
  for (let i = start + pairs * 8; i < end; i++) crc = t[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return crc;
}

/** Whether xl_crc (`stored`, as an int32) matches the whole record at `pos`: its body after the 24-byte header, then the header's first 20 bytes. */
export function recordCrcMatches(
  source: CrcSource,
  pos: number,
  totalLength: number,
  stored: number,
): boolean {
  let crc = crc32cSourceRange(crc32cInit, source, pos + recordHeaderSize, pos + totalLength);
  crc = crc32cSourceRange(crc, source, pos, pos + recordCrcOffset);
  return (crc32cFinish(crc) | 0) === stored;
}
