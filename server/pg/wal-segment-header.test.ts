import { describe, expect, it } from 'vitest';
import { parseWalSegmentHeader } from './wal-segment-header';

export function segmentHeader(fields: { magic?: number; info?: number; timeline?: number; pageAddress?: bigint; systemId?: bigint; segmentSize?: number }): Buffer {
  const b = Buffer.alloc(40);
  b.writeUInt16LE(fields.magic ?? 0xd110, 0);
  b.writeUInt16LE(fields.info ?? 0x0002, 2);
  b.writeUInt32LE(fields.timeline ?? 1, 4);
  b.writeBigUInt64LE(fields.pageAddress ?? 0x3000000n, 8);
  b.writeBigUInt64LE(fields.systemId ?? 7311111111111111111n, 24);
  b.writeUInt32LE(fields.segmentSize ?? 16 * 1024 * 1024, 32);
  b.writeUInt32LE(8192, 36);
  return b;
}

describe('parseWalSegmentHeader', () => {
  it('reads the long header fields, the system id as decimal text', () => {
    expect(parseWalSegmentHeader(segmentHeader({ timeline: 3 }))).toEqual({
      magic: 0xd110,
      info: 2,
      timeline: 3,
      pageAddress: 0x3000000n,
      systemId: '7311111111111111111',
      segmentSize: 16 * 1024 * 1024,
      blockSize: 8192,
    });
  });

  it('refuses a page without the long-header flag, and short input', () => {
    expect(() => parseWalSegmentHeader(segmentHeader({ info: 0 }))).toThrow(/no long header/);
    expect(() => parseWalSegmentHeader(Buffer.alloc(10))).toThrow(/too few/);
  });
});
