import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compress as zstdCompress } from 'zstd-napi';
import { collect } from './stream-test-support';
import { compressBlock, compressStream, type Codec } from './codecs';
import { createFrameDecoder } from './frame-decoders';
import { lz4Frame, skippableFrame } from './lz4-test-frames';

// The synchronous decoders the restore threads use, driven the way StoredFileReader drives them:
// the bytes arrive `feed` at a time, a unit cut by the end of what has arrived asks for more.

function decode(codec: Codec, bytes: Buffer, feed = bytes.length): Buffer {
  const decoder = createFrameDecoder(codec);
  const out: Buffer[] = [];
  let start = 0;
  let end = Math.min(bytes.length, feed);
  for (;;) {
    const step = decoder.step(bytes.subarray(start, end), end === bytes.length);
    if (step.kind === 'more') {
      if (end === bytes.length) return Buffer.concat(out);
      end = Math.min(bytes.length, end + Math.max(feed, 1));
      continue;
    }
    start += step.consumed;
    out.push(Buffer.from(step.output));
  }
}

const codecs: Codec[] = ['none', 'gzip', 'lz4', 'zstd'];
const text = Buffer.from('PostgreSQL page '.repeat(80_000));
const blocks = [text, Buffer.alloc(0), Buffer.from([0xa5]), randomBytes(300_000), text.subarray(3), Buffer.alloc(0)];
const content = Buffer.concat(blocks);
const stored = (codec: Codec) => Buffer.concat(blocks.map((block) => compressBlock(codec, block)));

describe('frame decoders', () => {
  it.each(codecs)('%s: concatenated block frames, whole or fed in pieces', (codec) => {
    const file = stored(codec);
    // A gzip member cut short is inflated again from its start once more bytes arrive (the
    // reader refills a whole window), so gzip is not fed byte by byte here.
    const feeds = codec === 'gzip' ? [file.length, 65_536, 4097] : [file.length, 65_536, 4097, 13];
    for (const feed of feeds) expect(decode(codec, file, feed).equals(content)).toBe(true);
  });

  it.each<Codec>(['gzip', 'lz4', 'zstd'])('%s: a file written by the streaming compressor, then block frames', async (codec) => {
    const streamed = await collect([content], compressStream(codec));
    expect(decode(codec, Buffer.concat([streamed, stored(codec)]), 100_000).equals(Buffer.concat([content, content]))).toBe(true);
  });

  it('lz4: skippable frames are dropped, whatever their size, and declared sizes are checked', () => {
    const file = Buffer.concat([skippableFrame(randomBytes(5000)), lz4Frame({ blocks: [{ data: text }], blockSizeId: 7, contentSize: true, contentChecksum: true }), skippableFrame(Buffer.alloc(0), 15)]);
    expect(decode('lz4', file, 1000).equals(text)).toBe(true);
  });

  it('gzip: members with a name, a comment, an extra field and a header CRC', () => {
    const plain = gzipSync(text);
    const extra = Buffer.from([4, 0, 0x41, 0x42, 1, 2]);
    const header = Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0x02 | 0x04 | 0x08 | 0x10, 0, 0, 0, 0, 0, 3]), extra, Buffer.from('base/1/1259\0a comment\0'), Buffer.from([0xaa, 0xbb])]);
    const member = Buffer.concat([header, plain.subarray(10)]);
    expect(decode('gzip', Buffer.concat([member, member]), 7).equals(Buffer.concat([text, text]))).toBe(true);
  });

  it('zstd: a frame without a declared size', () => {
    const frame = zstdCompress(text);
    expect(decode('zstd', frame, 999).equals(text)).toBe(true);
  });

  it.each<[Codec, RegExp]>([
    ['gzip', /^gzip: incorrect header check/],
    ['lz4', /^lz4: bad magic number/],
    ['zstd', /^zstd: Unknown frame descriptor/],
  ])('%s: refuses garbage', (codec, message) => {
    expect(() => decode(codec, Buffer.from('not compressed at all'))).toThrow(message);
  });

  it.each<[Codec, RegExp]>([
    ['gzip', /^gzip: input ends inside a member \(truncated file\?\)$/],
    ['lz4', /^lz4: input ends inside a frame \(truncated file\?\)$/],
    ['zstd', /^zstd: input ends inside a frame \(truncated file\?\)$/],
  ])('%s: refuses a file cut short', (codec, message) => {
    const whole = stored(codec);
    for (const cut of [1, 10, whole.length - 1]) expect(() => decode(codec, whole.subarray(0, cut), 3000)).toThrow(message);
  });

  it.each<Codec>(['gzip', 'lz4', 'zstd'])('%s: refuses a corrupted byte inside a frame', (codec) => {
    const corrupt = Buffer.concat([compressBlock(codec, text), compressBlock(codec, Buffer.from('tail'))]);
    corrupt.writeUInt8(corrupt.readUInt8(corrupt.length - 60) ^ 0xff, corrupt.length - 60);
    expect(() => decode(codec, corrupt)).toThrow(new RegExp(`^${codec}: `));
  });

  it('gzip: a damaged trailer is caught by its CRC-32 and length', () => {
    const member = gzipSync(text);
    const badCrc = Buffer.from(member);
    badCrc.writeUInt32LE(badCrc.readUInt32LE(member.length - 8) ^ 1, member.length - 8);
    expect(() => decode('gzip', badCrc)).toThrow('gzip: member CRC-32 mismatch');
    const badLength = Buffer.from(member);
    badLength.writeUInt32LE(text.length + 1, member.length - 4);
    expect(() => decode('gzip', badLength)).toThrow('gzip: member length mismatch');
  });

  it('an empty file: refused for gzip (as gunzip does), empty content for the others', () => {
    expect(() => decode('gzip', Buffer.alloc(0))).toThrow(/^gzip: unexpected end of file/);
    for (const codec of ['none', 'lz4', 'zstd'] as const) expect(decode(codec, Buffer.alloc(0)).length).toBe(0);
  });

  it('gzip: a member decompressing to more than 64 MiB is refused, not buffered', () => {
    const bomb = gzipSync(Buffer.alloc(65 * 1024 * 1024), { level: 9 });
    expect(() => decode('gzip', bomb)).toThrow(/more than 64 MiB/);
  });
});
