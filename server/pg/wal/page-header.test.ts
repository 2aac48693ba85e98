import { describe, expect, it } from 'vitest';
import { pageHeaderProblem, pageHeaderSize, parsePageHeader, type PageExpectation } from './page-header';

function header(fields: {
  magic?: number;
  info?: number;
  tli?: number;
  addr?: bigint;
  rem?: number;
  long?: boolean;
}): Buffer {
  const b = Buffer.alloc(40);
  b.writeUInt16LE(fields.magic ?? 0xd110, 0);
  b.writeUInt16LE(fields.info ?? (fields.long ? 2 : 0), 2);
  b.writeUInt32LE(fields.tli ?? 1, 4);
  b.writeBigUInt64LE(fields.addr ?? 0x1000000n, 8);
  b.writeUInt32LE(fields.rem ?? 0, 16);
  if (fields.long) {
    b.writeBigUInt64LE(7410000000000000001n, 24);
    b.writeUInt32LE(16 * 1024 * 1024, 32);
    b.writeUInt32LE(8192, 36);
  }
  return b;
}

const expected: PageExpectation = {
  magic: 0xd110,
  pageAddress: 0x1000000n,
  firstInSegment: true,
  systemId: 7410000000000000001n,
  segmentSize: 16 * 1024 * 1024,
  blockSize: 8192,
  minTimeline: 1,
};

describe('WAL page headers', () => {
  it('reads the long header of a segment’s first page (40 bytes)', () => {
    const parsed = parsePageHeader(header({ long: true, info: 0x0006, tli: 3 }), 0);
    expect(parsed).toEqual({
      magic: 0xd110,
      info: 0x0006,
      timeline: 3,
      pageAddress: 0x1000000n,
      remainingLength: 0,
      systemId: 7410000000000000001n,
      segmentSize: 16 * 1024 * 1024,
      blockSize: 8192,
    });
    expect(pageHeaderSize(parsed.info)).toBe(40);
    expect(pageHeaderProblem({ ...parsed, timeline: 1 }, expected)).toBeUndefined();
  });

  it('reads a short header (24 bytes) with a continuation', () => {
    const parsed = parsePageHeader(header({ info: 0x0001, addr: 0x1002000n, rem: 5000 }), 0);
    expect(parsed).toEqual({
      magic: 0xd110,
      info: 1,
      timeline: 1,
      pageAddress: 0x1002000n,
      remainingLength: 5000,
    });
    expect(pageHeaderSize(parsed.info)).toBe(24);
    expect(
      pageHeaderProblem(parsed, { ...expected, firstInSegment: false, pageAddress: 0x1002000n }),
    ).toBeUndefined();
  });

  it('names what is wrong, as xlogreader checks it', () => {
    const long = (fields: Parameters<typeof header>[0]) =>
      parsePageHeader(header({ long: true, ...fields }), 0);
    expect(pageHeaderProblem(long({ magic: 0xd10d }), expected)).toMatch(/invalid magic number 0xD10D/);
    expect(pageHeaderProblem(long({ info: 0x0012 }), expected)).toMatch(/invalid info bits 0x0012/);
    expect(pageHeaderProblem(parsePageHeader(header({}), 0), expected)).toMatch(/no long header/);
    expect(pageHeaderProblem(long({ addr: 0x3000000n }), expected)).toMatch(
      /unexpected page address 0\/3000000.*recycled/,
    );
    expect(pageHeaderProblem(long({ tli: 1 }), { ...expected, minTimeline: 2 })).toMatch(
      /out-of-sequence timeline 1/,
    );
    expect(pageHeaderProblem(long({}), { ...expected, systemId: 1n })).toMatch(/another database system/);
    expect(pageHeaderProblem(parsePageHeader(Buffer.alloc(40), 0), expected)).toMatch(/never written/);
  });
});
