import { randomBytes } from 'node:crypto';
import { compressFrameSync, decompressFrameSync, type FrameCompressOptions } from 'lz4-napi';
import { describe, expect, it } from 'vitest';
import { CorruptInputError } from './corrupt-input-error';
import { LZ4_MAGIC, parseLz4Header, scanLz4Frame, type Lz4Cursor, type Lz4Scan } from './lz4-frames';
import { lz4Block, lz4Frame, lz4Header, skippableFrame } from './lz4-test-frames';

const text = Buffer.from('PostgreSQL heap page '.repeat(5000));
const KiB = 1024;
const MiB = 1024 * KiB;

function frameOf(scan: Lz4Scan): Extract<Lz4Scan, { kind: 'frame' }> {
  if (scan.kind !== 'frame') throw new Error(`expected a complete frame, got ${JSON.stringify(scan)}`);
  return scan;
}

/** Scans `bytes` as a reader would: growing prefixes, resuming from each cursor. */
function scanGrowing(bytes: Buffer, step: number): { scan: Lz4Scan; needs: number[] } {
  let cursor: Lz4Cursor | undefined;
  const needs: number[] = [];
  for (let end = Math.min(step, bytes.length); ; end = Math.min(end + step, bytes.length)) {
    const scan = scanLz4Frame(bytes.subarray(0, end), cursor);
    if (scan.kind !== 'need') return { scan, needs };
    expect(scan.bytes).toBeGreaterThan(end);
    needs.push(scan.bytes);
    cursor = scan.cursor;
    if (end === bytes.length) return { scan, needs };
  }
}

describe('scanLz4Frame on frames from lz4-napi', () => {
  it.each<[string, Buffer, FrameCompressOptions]>([
    ['empty content', Buffer.alloc(0), {}],
    ['one byte', Buffer.from([42]), { contentChecksum: true }],
    ['compressible text', text, {}],
    ['compressible text, content checksum', text, { contentChecksum: true }],
    ['compressible text, block checksums', text, { blockChecksums: true }],
    ['random bytes, both checksums', randomBytes(300 * KiB), { contentChecksum: true, blockChecksums: true }],
    ['two 4 MiB blocks', Buffer.alloc(4 * MiB + 1, 7), { contentChecksum: true }],
  ])('finds the end of a frame of %s', (_name, content, options) => {
    const frame = compressFrameSync(content, options);
    const scan = frameOf(scanLz4Frame(frame));
    expect(scan.length).toBe(frame.length);
    expect(scan.descriptor.contentChecksum).toBe(options.contentChecksum ?? false);
    expect(scan.descriptor.blockChecksums).toBe(options.blockChecksums ?? false);
    expect(scan.contentBound).toBeGreaterThanOrEqual(content.length);
  });

  it('stops at the first frame of a concatenation', () => {
    const first = compressFrameSync(text, { contentChecksum: true });
    const both = Buffer.concat([first, compressFrameSync(Buffer.from('next'))]);
    expect(frameOf(scanLz4Frame(both)).length).toBe(first.length);
  });
});

describe('scanLz4Frame on hand-built frames', () => {
  const blocks = [
    { data: text.subarray(0, 60_000) },
    { data: Buffer.from('stored as is'), stored: true },
    { data: text.subarray(9) },
  ];

  it.each([
    ['no options', {}],
    ['content size', { contentSize: true }],
    ['block checksums', { blockChecksums: true }],
    ['content checksum', { contentChecksum: true }],
    ['everything', { contentSize: true, blockChecksums: true, contentChecksum: true }],
  ])('parses a frame with %s, and lz4-napi decodes the same frame', (_name, options) => {
    const content = Buffer.concat(blocks.map((b) => b.data));
    const frame = lz4Frame({ blocks, blockSizeId: 5, ...options });
    const scan = frameOf(scanLz4Frame(Buffer.concat([frame, Buffer.from('trailing')])));
    expect(scan.length).toBe(frame.length);
    expect(scan.descriptor).toMatchObject({
      blockMaxSize: 256 * KiB,
      independentBlocks: true,
      contentSize: 'contentSize' in options ? content.length : undefined,
    });
    expect(scan.contentBound).toBe('contentSize' in options ? content.length : 2 * 256 * KiB + 12);
    expect(decompressFrameSync(frame).equals(content)).toBe(true);
  });

  it('counts a stored block by its size and a compressed one by the maximum block size', () => {
    const frame = lz4Frame({
      blocks: [{ data: Buffer.alloc(10), stored: true }, { data: Buffer.alloc(10) }],
      blockSizeId: 4,
    });
    expect(frameOf(scanLz4Frame(frame)).contentBound).toBe(10 + 64 * KiB);
  });

  it.each([1, 2, 3, 5, 8])('reports what it needs and resumes, fed %d bytes at a time', (step) => {
    const frame = lz4Frame({ blocks, blockChecksums: true, contentChecksum: true, contentSize: true });
    const { scan, needs } = scanGrowing(frame, step);
    expect(frameOf(scan).length).toBe(frame.length);
    expect(needs.every((need, i) => need <= frame.length && (i === 0 || need >= needs[i - 1]!))).toBe(true);
    expect(needs.at(-1)).toBe(frame.length);
  });

  it('asks for more while the header is incomplete', () => {
    const frame = lz4Frame({ blocks: [], contentSize: true });
    expect(frame.length).toBe(15 + 4);
    for (let length = 0; length < 15; length++) {
      const scan = scanLz4Frame(frame.subarray(0, length));
      expect(scan.kind).toBe('need');
      if (scan.kind === 'need') expect(scan.bytes).toBeGreaterThan(length);
    }
    expect(scanLz4Frame(frame.subarray(0, 15))).toMatchObject({ kind: 'need', bytes: 19 });
    expect(frameOf(scanLz4Frame(frame)).contentBound).toBe(0);
  });

  it('recognises all sixteen skippable frame magics', () => {
    for (let nibble = 0; nibble < 16; nibble++) {
      const frame = skippableFrame(Buffer.from('anything at all'), nibble);
      expect(scanLz4Frame(frame)).toEqual({ kind: 'skippable', length: 8 + 15 });
      expect(scanLz4Frame(frame.subarray(0, 7))).toMatchObject({ kind: 'need', bytes: 8 });
    }
  });

  it('accepts a skippable frame too large to buffer, since it is dropped unread', () => {
    const header = skippableFrame(Buffer.alloc(0));
    header.writeUInt32LE(0xffffffff, 4);
    expect(scanLz4Frame(header, undefined, 1024)).toEqual({ kind: 'skippable', length: 8 + 0xffffffff });
  });
});

describe('scanLz4Frame refuses', () => {
  function refusal(bytes: Buffer, maxFrameBytes?: number): string {
    try {
      scanLz4Frame(bytes, undefined, maxFrameBytes);
    } catch (error) {
      expect(error).toBeInstanceOf(CorruptInputError);
      expect((error as Error).message).toMatch(/^lz4: /);
      return (error as Error).message;
    }
    throw new Error('expected the scan to throw');
  }
  const valid = lz4Frame({ blocks: [{ data: text.subarray(0, 1000) }] });

  it('garbage, by its magic number', () => {
    expect(refusal(Buffer.from('not lz4 at all'))).toMatch(/bad magic number 0x20746F6E/);
    expect(refusal(Buffer.alloc(16))).toMatch(/bad magic number 0x00000000/);
  });

  it('the legacy format', () => {
    expect(refusal(Buffer.from([0x02, 0x21, 0x4c, 0x18, 0, 0, 0, 0]))).toMatch(/legacy frame format/);
  });

  it.each([0x00, 0x80, 0xc0])('frame version bits %d', (version) => {
    expect(refusal(lz4Header(version | 0x20, 0x40))).toMatch(/unsupported frame version/);
  });

  it.each([
    ['the reserved FLG bit', 0x62, 0x40],
    ['the reserved BD high bit', 0x60, 0xc0],
    ['a reserved BD low bit', 0x60, 0x41],
  ])('%s', (_name, flg, bd) => {
    expect(refusal(lz4Header(flg, bd))).toMatch(/reserved bits/);
  });

  it.each([0, 1, 2, 3])('block maximum size id %d', (id) => {
    expect(refusal(lz4Header(0x60, id << 4))).toMatch(/invalid block maximum size id/);
  });

  it('a dictionary id', () => {
    expect(refusal(lz4Header(0x61, 0x40))).toMatch(/needs a dictionary/);
  });

  it('a header whose checksum does not match', () => {
    const corrupt = Buffer.from(valid);
    corrupt.writeUInt8(corrupt.readUInt8(6) ^ 0xff, 6);
    expect(refusal(corrupt)).toMatch(/header checksum mismatch/);
    const flipped = Buffer.from(valid);
    flipped.writeUInt8(flipped.readUInt8(4) ^ 0x04, 4);
    expect(refusal(flipped)).toMatch(/header checksum mismatch/);
  });

  it('a block larger than the maximum block size', () => {
    const header = lz4Header(0x60, 0x40);
    const word = Buffer.alloc(4);
    word.writeUInt32LE(64 * KiB + 1);
    expect(refusal(Buffer.concat([header, word]))).toMatch(
      /block of 65537 bytes at offset 7 exceeds .* 65536 bytes/,
    );
    word.writeUInt32LE((0x80000000 | (64 * KiB + 1)) >>> 0);
    expect(refusal(Buffer.concat([header, word]))).toMatch(/block of 65537 bytes/);
  });

  it('a frame over the size limit, as soon as its block headers say so', () => {
    const frame = lz4Frame({
      blocks: [1, 2, 3].map(() => ({ data: randomBytes(1000), stored: true })),
      blockSizeId: 4,
    });
    expect(frameOf(scanLz4Frame(frame, undefined, frame.length)).length).toBe(frame.length);
    expect(refusal(frame, frame.length - 1)).toMatch(
      /frame is more than \d+ bytes; Cellar writes frames of a few MiB/,
    );
    const firstBlockOnly = frame.subarray(0, 7 + 4 + 1000 + 4);
    expect(refusal(firstBlockOnly, 7 + 4 + 1000 + 3)).toMatch(/frame is more than/);
  });

  it('a frame whose compressed blocks could decompress to more than the limit', () => {
    const frame = lz4Frame({ blocks: [{ data: Buffer.alloc(100) }], blockSizeId: 7 });
    expect(refusal(frame, 2 * MiB)).toMatch(/frame may decompress to more than 2 MiB/);
    expect(frameOf(scanLz4Frame(frame, undefined, 4 * MiB)).contentBound).toBe(4 * MiB);
  });

  it('a declared content size over the limit, from the header alone', () => {
    expect(refusal(lz4Header(0x68, 0x40, 2n ** 40n))).toMatch(
      /declares 1099511627776 bytes of content, over the 64 MiB/,
    );
  });
});

describe('parseLz4Header', () => {
  it('reads the descriptor lz4-napi writes', () => {
    const header = parseLz4Header(compressFrameSync(text, { contentChecksum: true }));
    expect(header).toEqual({
      kind: 'frame',
      descriptor: {
        independentBlocks: true,
        blockChecksums: false,
        contentChecksum: true,
        contentSize: undefined,
        blockMaxSize: 256 * KiB,
        headerLength: 7,
      },
    });
  });

  it('reads the magic as little-endian', () => {
    const magic = Buffer.alloc(4);
    magic.writeUInt32LE(LZ4_MAGIC);
    expect(magic).toEqual(Buffer.from([0x04, 0x22, 0x4d, 0x18]));
    expect(parseLz4Header(magic)).toEqual({ kind: 'need', bytes: 7 });
  });

  it('builds blocks the way the specification lays them out', () => {
    expect(lz4Block({ data: Buffer.from('ab'), stored: true })).toEqual(
      Buffer.from([2, 0, 0, 0x80, 0x61, 0x62]),
    );
  });
});
