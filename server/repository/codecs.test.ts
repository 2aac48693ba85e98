import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { collect, split } from './stream-test-support';
import { codecSuffix, compressBlock, compressStream, decompressStream, type Codec } from './codecs';

function randomSplit(data: Buffer): Buffer[] {
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length;) {
    const size = Math.floor(Math.random() * 5000);
    chunks.push(data.subarray(i, i + size));
    i += size;
  }
  return chunks;
}

const codecs: Codec[] = ['none', 'gzip', 'lz4', 'zstd'];

// Compressible (repeated text) and incompressible (random) data, fed in several chunks.
const text = Buffer.from('PostgreSQL page '.repeat(20_000));
const chunks = [text.subarray(0, 1000), randomBytes(100_000), text.subarray(1000), Buffer.alloc(0)];
const original = Buffer.concat(chunks);

// Blocks as the compression pool cuts them, one frame each, the frames concatenated.
const blocks = [
  text,
  Buffer.alloc(0),
  Buffer.from([0xa5]),
  randomBytes(20_000),
  text.subarray(3),
  Buffer.alloc(0),
];
const content = Buffer.concat(blocks);

describe('compressStream and decompressStream', () => {
  it.each<[Codec, number | undefined]>([
    ['none', undefined],
    ['gzip', undefined],
    ['gzip', 9],
    ['lz4', undefined],
    ['zstd', undefined],
    ['zstd', 19],
  ])('round-trip %s (level %s)', async (codec, level) => {
    const compressed = await collect(chunks, compressStream(codec, level));
    if (codec !== 'none') expect(compressed.length).toBeLessThan(original.length);
    expect((await collect([compressed], decompressStream(codec))).equals(original)).toBe(true);
  });

  it.each(codecs)('round-trip empty input with %s', async (codec) => {
    const compressed = await collect([], compressStream(codec));
    expect(compressed.length > 0).toBe(codec !== 'none');
    expect((await collect([compressed], decompressStream(codec))).length).toBe(0);
  });

  it('names suffixes', () => {
    expect(codecs.map(codecSuffix)).toEqual(['', '.gz', '.lz4', '.zst']);
  });

  it('refuses an unknown codec', () => {
    expect(() => decompressStream('brotli' as Codec)).toThrow('unknown compression codec "brotli"');
  });
});

describe('compressBlock frames, concatenated, through decompressStream', () => {
  const stored = Object.fromEntries(
    codecs.map((codec) => [codec, Buffer.concat(blocks.map((block) => compressBlock(codec, block)))]),
  ) as Record<Codec, Buffer>;

  it.each(codecs)('%s: one frame per block, readable whole', async (codec) => {
    expect((await collect([stored[codec]], decompressStream(codec))).equals(content)).toBe(true);
  });

  it.each(codecs)('%s: fed 1 byte at a time', async (codec) => {
    expect((await collect(split(stored[codec], 1), decompressStream(codec))).equals(content)).toBe(true);
  });

  it.each(codecs)('%s: fed 7 bytes at a time, with empty chunks between', async (codec) => {
    const fed = split(stored[codec], 7).flatMap((chunk) => [Buffer.alloc(0), chunk]);
    expect((await collect(fed, decompressStream(codec))).equals(content)).toBe(true);
  });

  it.each(codecs)('%s: fed in random splits', async (codec) => {
    for (let round = 0; round < 5; round++) {
      expect((await collect(randomSplit(stored[codec]), decompressStream(codec))).equals(content)).toBe(true);
    }
  });

  it.each<Codec>(['gzip', 'lz4', 'zstd'])(
    '%s: a stream-written file followed by block frames',
    async (codec) => {
      const streamed = await collect([text], compressStream(codec));
      const mixed = Buffer.concat([streamed, stored[codec]]);
      expect(
        (await collect(split(mixed, 4096), decompressStream(codec))).equals(Buffer.concat([text, content])),
      ).toBe(true);
    },
  );

  it('none: returns the bytes themselves, not a copy', () => {
    const backing = new Uint8Array(64);
    const view = backing.subarray(8, 24);
    const out = compressBlock('none', view);
    expect(out).toBeInstanceOf(Buffer);
    expect(out.buffer).toBe(backing.buffer);
    expect([out.byteOffset, out.length]).toEqual([8, 16]);
  });

  it.each<Codec>(['gzip', 'lz4', 'zstd'])(
    '%s: compresses a Uint8Array view, not its whole backing buffer',
    async (codec) => {
      const backing = Buffer.concat([Buffer.from('before'), text, Buffer.from('after')]);
      const view = new Uint8Array(backing.buffer, backing.byteOffset + 6, text.length);
      expect((await collect([compressBlock(codec, view)], decompressStream(codec))).equals(text)).toBe(true);
    },
  );
});

describe('compressBlock levels', () => {
  it.each<[Codec, number]>([
    ['zstd', -7],
    ['zstd', 0],
    ['zstd', 1],
    ['zstd', 22],
    ['gzip', 1],
    ['gzip', 9],
  ])('accepts %s level %d', async (codec, level) => {
    const frame = compressBlock(codec, text, level);
    expect(frame.length).toBeLessThan(text.length);
    expect((await collect([frame], decompressStream(codec))).equals(text)).toBe(true);
  });

  it('applies the level', () => {
    expect(compressBlock('zstd', original, 19).length).toBeLessThan(
      compressBlock('zstd', original, -7).length,
    );
    expect(compressBlock('gzip', original, 9).length).toBeLessThan(compressBlock('gzip', original, 1).length);
  });

  it.each<[Codec, number, RegExp]>([
    ['zstd', 23, /compression level 23 is not valid for zstd: zstd levels are -7 to 22 \(0: the default\)/],
    ['zstd', -8, /not valid for zstd/],
    ['zstd', 2.5, /level 2.5 is not valid for zstd/],
    ['gzip', 0, /compression level 0 is not valid for gzip: gzip levels are 1 to 9/],
    ['gzip', -1, /not valid for gzip/],
    ['gzip', 10, /not valid for gzip/],
  ])('refuses %s level %d', (codec, level, message) => {
    expect(() => compressBlock(codec, text, level)).toThrow(RangeError);
    expect(() => compressBlock(codec, text, level)).toThrow(message);
  });

  it('ignores a level for lz4 and none, which have none', () => {
    expect(compressBlock('lz4', text, 12).equals(compressBlock('lz4', text))).toBe(true);
    expect(compressBlock('none', text, 99).equals(text)).toBe(true);
  });
});

describe('decompressStream refuses bad input', () => {
  const stored = (codec: Codec) =>
    Buffer.concat([compressBlock(codec, text), compressBlock(codec, Buffer.from('tail'))]);

  it.each<[Codec, RegExp]>([
    ['gzip', /incorrect header check/],
    ['lz4', /^lz4: bad magic number/],
    ['zstd', /^zstd: Unknown frame descriptor/],
  ])('%s: garbage', async (codec, message) => {
    await expect(collect([Buffer.from('not compressed at all')], decompressStream(codec))).rejects.toThrow(
      message,
    );
  });

  it.each<[Codec, RegExp]>([
    ['gzip', /unexpected end of file/],
    ['lz4', /^lz4: input ends inside a frame \(truncated file\?\)$/],
    ['zstd', /^zstd: input ends inside a frame \(truncated file\?\)$/],
  ])('%s: a file cut short', async (codec, message) => {
    const whole = stored(codec);
    for (const cut of [1, 10, whole.length - 1]) {
      await expect(collect(split(whole.subarray(0, cut), 3), decompressStream(codec))).rejects.toThrow(
        message,
      );
    }
  });

  it.each<Codec>(['gzip', 'lz4', 'zstd'])('%s: a corrupted byte inside a frame', async (codec) => {
    const corrupt = stored(codec);
    corrupt.writeUInt8(corrupt.readUInt8(corrupt.length - 30) ^ 0xff, corrupt.length - 30);
    await expect(collect([corrupt], decompressStream(codec))).rejects.toThrow();
  });

  // Standard tools agree: `gunzip` and `zstd -d` refuse an empty file, `lz4 -d` accepts it.
  it('an empty gzip file, but not an empty lz4 or zstd one', async () => {
    await expect(collect([], decompressStream('gzip'))).rejects.toThrow(/unexpected end of file/);
    expect((await collect([], decompressStream('lz4'))).length).toBe(0);
    expect((await collect([], decompressStream('zstd'))).length).toBe(0);
  });
});

describe('decompressStream memory', () => {
  // 64 MiB of zeros is a few KiB compressed; a decoder pushing all a chunk holds would buffer it all.
  it.each<Codec>(['gzip', 'lz4', 'zstd'])('%s: decodes only as fast as it is read', async (codec) => {
    const zeros = Buffer.alloc(4 * 1024 * 1024);
    const compressed = Buffer.concat(Array.from({ length: 16 }, () => compressBlock(codec, zeros)));
    expect(compressed.length).toBeLessThan(1024 * 1024);
    const stream = decompressStream(codec);
    stream.end(compressed);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stream.readableLength).toBeLessThanOrEqual(4 * 1024 * 1024);
    let total = 0;
    for await (const chunk of stream) total += (chunk as Buffer).length;
    expect(total).toBe(64 * 1024 * 1024);
  });
});
