import { randomBytes } from 'node:crypto';
import { compressFrameSync } from 'lz4-napi';
import { describe, expect, it } from 'vitest';
import { collect, split } from './stream-test-support';
import { Lz4CompressStream } from './lz4-compress-stream';
import { Lz4DecompressStream } from './lz4-decompress-stream';
import { scanLz4Frame } from './lz4-frames';
import { lz4Frame, skippableFrame } from './lz4-test-frames';

function frameLengths(stored: Buffer): number[] {
  const lengths: number[] = [];
  for (let rest = stored; rest.length > 0;) {
    const scan = scanLz4Frame(rest);
    if (scan.kind !== 'frame') throw new Error(`not a whole frame: ${scan.kind}`);
    lengths.push(scan.length);
    rest = rest.subarray(scan.length);
  }
  return lengths;
}

const text = Buffer.from('PostgreSQL heap page '.repeat(3000));
const parts = [text, Buffer.alloc(0), Buffer.from([1]), randomBytes(5000), text.subarray(5)];
const content = Buffer.concat(parts);
const stored = Buffer.concat([
  skippableFrame(Buffer.from('leading')),
  compressFrameSync(parts[0]!, { contentChecksum: true }),
  compressFrameSync(parts[1]!),
  skippableFrame(Buffer.alloc(0), 15),
  lz4Frame({ blocks: [{ data: parts[2]!, stored: true }], contentSize: true, blockChecksums: true }),
  compressFrameSync(parts[3]!, { blockChecksums: true, contentChecksum: true }),
  lz4Frame({ blocks: split(parts[4]!, 20_000).map((data) => ({ data })), contentChecksum: true }),
  skippableFrame(Buffer.from('trailing')),
]);

describe('Lz4DecompressStream', () => {
  it.each([1, 7, 4096, stored.length])(
    'decodes frames and skips skippable ones, fed %d bytes at a time',
    async (size) => {
      expect((await collect(split(stored, size), new Lz4DecompressStream())).equals(content)).toBe(true);
    },
  );

  it('decodes random splits', async () => {
    for (let round = 0; round < 20; round++) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < stored.length;) {
        const size = Math.floor(Math.random() * 300);
        chunks.push(stored.subarray(i, i + size));
        i += size;
      }
      expect((await collect(chunks, new Lz4DecompressStream())).equals(content)).toBe(true);
    }
  });

  it('decodes empty input to nothing', async () => {
    expect((await collect([], new Lz4DecompressStream())).length).toBe(0);
  });

  it('skips a skippable frame larger than the frame limit without buffering it', async () => {
    const big = skippableFrame(randomBytes(300_000));
    const after = compressFrameSync(Buffer.from('after'));
    const out = await collect(split(Buffer.concat([big, after]), 4096), new Lz4DecompressStream(100_000));
    expect(out.toString()).toBe('after');
  });

  it('rejects input cut anywhere but at a frame boundary', async () => {
    const frames = [compressFrameSync(text, { contentChecksum: true }), skippableFrame(Buffer.from('xyz'))];
    const whole = Buffer.concat(frames);
    for (let cut = 1; cut < whole.length; cut += cut < 32 ? 1 : 97) {
      const attempt = collect([whole.subarray(0, cut)], new Lz4DecompressStream());
      if (cut === frames[0]!.length) await expect(attempt).resolves.toEqual(text);
      else await expect(attempt).rejects.toThrow(/^lz4: input ends inside a frame \(truncated file\?\)$/);
    }
  });

  it('rejects garbage after valid frames', async () => {
    const input = [compressFrameSync(Buffer.from('ok')), Buffer.from('garbage!')];
    await expect(collect(input, new Lz4DecompressStream())).rejects.toThrow(/^lz4: bad magic number/);
  });

  it('rejects a frame whose content checksum does not match', async () => {
    const frame = compressFrameSync(text, { contentChecksum: true });
    frame.writeUInt8(frame.readUInt8(frame.length - 1) ^ 1, frame.length - 1);
    await expect(collect([frame], new Lz4DecompressStream())).rejects.toThrow(
      /^lz4: frame could not be decoded \(.*Checksum/,
    );
  });

  it('rejects a frame whose block checksum does not match', async () => {
    const frame = lz4Frame({
      blocks: [{ data: Buffer.from('checked block'), stored: true }],
      blockChecksums: true,
    });
    frame.writeUInt8(frame.readUInt8(frame.length - 5) ^ 1, frame.length - 5);
    await expect(collect([frame], new Lz4DecompressStream())).rejects.toThrow(
      /^lz4: frame could not be decoded/,
    );
  });

  it('rejects a frame whose declared content size is wrong', async () => {
    const frame = lz4Frame({
      blocks: [{ data: Buffer.from('eleven byte'), stored: true }],
      contentSize: true,
    });
    // The header checksum covers the content size, so rebuild the header around a wrong one.
    const wrong = Buffer.concat([
      lz4Frame({ blocks: [{ data: Buffer.from('twelve bytes'), stored: true }], contentSize: true }).subarray(
        0,
        15,
      ),
      frame.subarray(15),
    ]);
    await expect(collect([wrong], new Lz4DecompressStream())).rejects.toThrow(/^lz4: /);
  });

  it('refuses a frame over its limit', async () => {
    const frame = compressFrameSync(randomBytes(200_000));
    await expect(collect(split(frame, 1000), new Lz4DecompressStream(100_000))).rejects.toThrow(
      /^lz4: frame is more than 100000 bytes/,
    );
  });

  it('waits for its reader instead of decoding every frame of a chunk at once', async () => {
    const zeros = compressFrameSync(Buffer.alloc(1024 * 1024));
    const input = Buffer.concat(Array.from({ length: 32 }, () => zeros));
    const stream = new Lz4DecompressStream();
    stream.end(input);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stream.readableLength).toBeLessThanOrEqual(1024 * 1024);
    let total = 0;
    for await (const chunk of stream) total += (chunk as Buffer).length;
    expect(total).toBe(32 * 1024 * 1024);
  });
});

describe('Lz4CompressStream', () => {
  it('writes one frame per 1 MiB of input, however the input is chunked', async () => {
    const input = Buffer.concat([randomBytes(1024 * 1024), text, text, Buffer.alloc(1024 * 1024 + 3, 5)]);
    const compressed = await collect(split(input, 65_521), new Lz4CompressStream());
    expect(frameLengths(compressed)).toHaveLength(Math.ceil(input.length / (1024 * 1024)));
    expect((await collect(split(compressed, 777), new Lz4DecompressStream())).equals(input)).toBe(true);
  });

  it('cuts exactly at the block size', async () => {
    const compressed = await collect([Buffer.alloc(40, 1), Buffer.alloc(20, 2)], new Lz4CompressStream(30));
    expect(frameLengths(compressed)).toHaveLength(2);
    const exact = await collect([Buffer.alloc(60, 1)], new Lz4CompressStream(30));
    expect(frameLengths(exact)).toHaveLength(2);
  });

  it('writes one empty frame for empty input', async () => {
    const compressed = await collect([], new Lz4CompressStream());
    expect(frameLengths(compressed)).toHaveLength(1);
    expect((await collect([compressed], new Lz4DecompressStream())).length).toBe(0);
  });
});
