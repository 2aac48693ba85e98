import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checksumAlgorithms, checksumHexLength, crc32c, createFileChecksum } from './file-checksum';

const digestOf = (algorithm: Parameters<typeof createFileChecksum>[0], ...chunks: Buffer[]) => {
  const checksum = createFileChecksum(algorithm);
  for (const chunk of chunks) checksum.update(chunk);
  return checksum.digest();
};

describe('file checksums', () => {
  it('computes the standard CRC-32C check value', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32c(Buffer.alloc(0))).toBe(0);
    expect(crc32c(Buffer.alloc(32))).toBe(0x8a9136aa);
  });

  // Values from backup_manifest files written by PostgreSQL 15 and 18 (fixtures/).
  it('writes CRC-32C as PostgreSQL does: the uint32 in little-endian byte order', () => {
    expect(digestOf('CRC32C', Buffer.from('15\n'))).toBe('8a744722');
    expect(digestOf('CRC32C', Buffer.from('18\n'))).toBe('994e7be2');
    expect(digestOf('CRC32C', Buffer.from('x'))).toBe('935f3ca9');
  });

  it('gives the same CRC-32C whatever the chunking', () => {
    const data = randomBytes(10_007);
    const whole = digestOf('CRC32C', data);
    for (const at of [1, 7, 8, 9, 4096, 10_006])
      expect(digestOf('CRC32C', data.subarray(0, at), data.subarray(at))).toBe(whole);
    const bytes = [...data.subarray(0, 100)].map((b) => Buffer.from([b]));
    expect(digestOf('CRC32C', ...bytes)).toBe(digestOf('CRC32C', data.subarray(0, 100)));
  });

  it('computes the SHA-2 family as hex, and nothing for NONE', () => {
    const data = Buffer.from('PostgreSQL');
    for (const algorithm of ['SHA224', 'SHA256', 'SHA384', 'SHA512'] as const) {
      const expected = createHash(algorithm.toLowerCase()).update(data).digest('hex');
      expect(digestOf(algorithm, data.subarray(0, 3), data.subarray(3))).toBe(expected);
      expect(expected).toHaveLength(checksumHexLength[algorithm]);
    }
    expect(digestOf('NONE', data)).toBeUndefined();
    expect(checksumAlgorithms).toEqual(['NONE', 'CRC32C', 'SHA224', 'SHA256', 'SHA384', 'SHA512']);
  });
});
