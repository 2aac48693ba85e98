import { randomBytes } from 'node:crypto';
import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { codecSuffix, compressStream, decompressStream, UnsupportedCodecError, type Codec } from './codecs';

async function collect(source: Iterable<Buffer>, transform: Transform): Promise<Buffer> {
  const parts: Buffer[] = [];
  await pipeline(Readable.from(source), transform, async (stream: AsyncIterable<Buffer>) => {
    for await (const chunk of stream) parts.push(Buffer.from(chunk));
  });
  return Buffer.concat(parts);
}

// Compressible (repeated text) and incompressible (random) data, fed in several chunks.
const text = Buffer.from('PostgreSQL page '.repeat(20_000));
const chunks = [text.subarray(0, 1000), randomBytes(100_000), text.subarray(1000), Buffer.alloc(0)];
const original = Buffer.concat(chunks);

describe('codecs', () => {
  it.each<[Codec, number | undefined]>([
    ['none', undefined],
    ['gzip', undefined],
    ['gzip', 9],
    ['zstd', undefined],
    ['zstd', 19],
  ])('round-trips %s (level %s)', async (codec, level) => {
    const compressed = await collect(chunks, compressStream(codec, level));
    if (codec !== 'none') expect(compressed.length).toBeLessThan(original.length);
    expect((await collect([compressed], decompressStream(codec))).equals(original)).toBe(true);
  });

  it('round-trips empty input', async () => {
    for (const codec of ['none', 'gzip', 'zstd'] as const) {
      const compressed = await collect([], compressStream(codec));
      expect((await collect([compressed], decompressStream(codec))).length).toBe(0);
    }
  });

  it('names suffixes', () => {
    expect([codecSuffix('none'), codecSuffix('gzip'), codecSuffix('zstd')]).toEqual(['', '.gz', '.zst']);
  });

  it('refuses lz4 with a clear error', () => {
    expect(() => compressStream('lz4')).toThrow(UnsupportedCodecError);
    expect(() => decompressStream('lz4')).toThrow(/lz4 compression is not supported/);
  });

  it('rejects corrupt zstd input', async () => {
    await expect(collect([Buffer.from('not zstd at all')], decompressStream('zstd'))).rejects.toThrow();
  });
});
