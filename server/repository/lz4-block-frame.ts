import { compressSync } from 'lz4-napi';
import { LZ4_MAGIC } from './lz4-frames';
import { xxhash32 } from './xxhash32';

// One LZ4 frame (lz4_Frame_format.md) built around lz4-napi's block compressor, which runs at
// about 2.4 times the speed of its frame compressor with a content checksum (1970 against 800
// MB/s on pgbench data, measured here). The frame holds independent blocks of at most 4 MiB and
// declares its content size; it carries no XXH32 checksum of the content: every stored file is
// checked against the backup manifest's SHA-256 (or the WAL row's) by verify and by restores.
// `lz4 -d` and lz4-napi's frame decoder read it.

const BLOCK_MAX_ID = 7; // 4 MiB
const BLOCK_MAX_BYTES = 1 << (8 + 2 * BLOCK_MAX_ID);
const FLG = 0x40 /* version 01 */ | 0x20 /* independent blocks */ | 0x08; /* content size */
const HEADER_BYTES = 15;
const UNCOMPRESSED_BLOCK = 0x80000000;

export function compressLz4Frame(data: Uint8Array): Buffer {
  const blocks: { size: number; bytes: Uint8Array }[] = [];
  for (let offset = 0; offset < data.length; offset += BLOCK_MAX_BYTES) {
    const block = data.subarray(offset, offset + BLOCK_MAX_BYTES);
    // compressSync prefixes the raw block with its uncompressed size (4 bytes).
    const raw = compressSync(Buffer.from(block.buffer, block.byteOffset, block.byteLength)).subarray(4);
    // A block that does not shrink is stored as it is, flagged uncompressed.
    blocks.push(raw.length < block.length ? { size: raw.length, bytes: raw } : { size: (block.length | UNCOMPRESSED_BLOCK) >>> 0, bytes: block });
  }
  const length = HEADER_BYTES + blocks.reduce((sum, b) => sum + 4 + b.bytes.length, 0) + 4;
  const frame = Buffer.allocUnsafe(length);
  frame.writeUInt32LE(LZ4_MAGIC, 0);
  frame[4] = FLG;
  frame[5] = BLOCK_MAX_ID << 4;
  frame.writeBigUInt64LE(BigInt(data.length), 6);
  frame[14] = (xxhash32(frame.subarray(4, 14)) >>> 8) & 0xff;
  let at = HEADER_BYTES;
  for (const block of blocks) {
    frame.writeUInt32LE(block.size, at);
    frame.set(block.bytes, at + 4);
    at += 4 + block.bytes.length;
  }
  frame.writeUInt32LE(0, at); // end mark
  return frame;
}
