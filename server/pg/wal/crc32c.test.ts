import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { crc32c } from '../../repository/file-checksum';
import { crc32cFinish, crc32cInit, crc32cRange, crc32cSourceRange, crcSource } from './crc32c';

describe('CRC-32C over ranges', () => {
  it('gives the check value of "123456789"', () => {
    expect(crc32cFinish(crc32cRange(crc32cInit, Buffer.from('123456789'), 0, 9))).toBe(0xe3069283);
  });

  it('agrees with the repository checksum on random ranges, aligned or not, by bytes or by words', () => {
    const data = randomBytes(20_000);
    for (const shift of [0, 1, 3, 4]) {
      const view = data.subarray(shift);
      const source = crcSource(view);
      for (let k = 0; k < 200; k++) {
        const start = (k * 37) % 1000;
        const end = start + ((k * 131) % 5000);
        const expected = crc32c(view.subarray(start, end));
        expect(crc32cFinish(crc32cRange(crc32cInit, view, start, end))).toBe(expected);
        expect(crc32cFinish(crc32cSourceRange(crc32cInit, source, start, end))).toBe(expected);
      }
    }
  });

  it('chains: a running state over two ranges equals one pass over both', () => {
    const data = randomBytes(3000);
    const once = crc32cRange(crc32cInit, data, 0, 3000);
    expect(crc32cRange(crc32cRange(crc32cInit, data, 0, 1234), data, 1234, 3000)).toBe(once);
  });
});
