import { compressFrameSync } from 'lz4-napi';
import { describe, expect, it } from 'vitest';
import { xxhash32 } from './xxhash32';

describe('xxhash32', () => {
  it.each<[string, number, number]>([
    ['', 0, 0x02cc5d05],
    ['a', 0, 0x550d7456],
    ['abc', 0, 0x32d153ff],
    ['Nobody inspects the spammish repetition', 0, 0xe2293b2f],
    ['', 1, 0x0b2cb792],
  ])('hashes %j with seed %d to the published value', (text, seed, expected) => {
    expect(xxhash32(Buffer.from(text), seed)).toBe(expected);
  });

  it('agrees with the content checksum lz4 writes, on every length and alignment', () => {
    const data = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37 + 11) & 0xff));
    for (let start = 0; start < 4; start++) {
      for (let end = start; end <= data.length; end += 13) {
        const content = data.subarray(start, end);
        const frame = compressFrameSync(content, { contentChecksum: true });
        expect(xxhash32(content)).toBe(frame.readUInt32LE(frame.length - 4));
      }
    }
  });
});
