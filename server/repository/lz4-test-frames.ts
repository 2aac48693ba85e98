import { compressSync } from 'lz4-napi';
import { LZ4_MAGIC } from './lz4-frames';
import { xxhash32 } from './xxhash32';

// Hand-built LZ4 frames for tests, written from the frame format specification rather than by
// lz4-napi, so the parser is checked against the format and not only against one encoder.

export type TestBlock = { data: Buffer; stored?: boolean };

export type TestFrame = {
  blocks: TestBlock[];
  blockSizeId?: 4 | 5 | 6 | 7;
  blockChecksums?: boolean;
  contentChecksum?: boolean;
  contentSize?: boolean;
};

function u32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32LE(value >>> 0);
  return out;
}

/** Magic, FLG, BD, optional content size and the header checksum byte. */
export function lz4Header(flg: number, bd: number, contentSize?: bigint): Buffer {
  const descriptor = Buffer.alloc(contentSize === undefined ? 2 : 10);
  descriptor[0] = flg;
  descriptor[1] = bd;
  if (contentSize !== undefined) descriptor.writeBigUInt64LE(contentSize, 2);
  return Buffer.concat([u32(LZ4_MAGIC), descriptor, Buffer.from([(xxhash32(descriptor) >>> 8) & 0xff])]);
}

/** A block as the frame stores it: size word (high bit: stored), data, optional checksum. */
export function lz4Block(block: TestBlock, checksum = false): Buffer {
  const body = block.stored ? block.data : compressSync(block.data).subarray(4);
  const word = block.stored ? (body.length | 0x80000000) >>> 0 : body.length;
  return Buffer.concat([u32(word), body, checksum ? u32(xxhash32(body)) : Buffer.alloc(0)]);
}

export function lz4Frame(frame: TestFrame): Buffer {
  const content = Buffer.concat(frame.blocks.map((b) => b.data));
  const flg =
    0x40 |
    0x20 |
    (frame.blockChecksums ? 0x10 : 0) |
    (frame.contentSize ? 0x08 : 0) |
    (frame.contentChecksum ? 0x04 : 0);
  const bd = (frame.blockSizeId ?? 4) << 4;
  return Buffer.concat([
    lz4Header(flg, bd, frame.contentSize ? BigInt(content.length) : undefined),
    ...frame.blocks.map((b) => lz4Block(b, frame.blockChecksums)),
    u32(0),
    frame.contentChecksum ? u32(xxhash32(content)) : Buffer.alloc(0),
  ]);
}

export function skippableFrame(payload: Buffer, nibble = 0): Buffer {
  return Buffer.concat([u32(0x184d2a50 + nibble), u32(payload.length), payload]);
}
