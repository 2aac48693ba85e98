import { describe, expect, it } from 'vitest';
import { checkWalContent } from './check-wal-content';
import { samePartialWal } from './store-wal-file';
import { parseWalFileName } from './wal-file-name';

const segmentSize = 16 * 1024 * 1024;

/** A segment whose first page carries XLogLongPageHeaderData, the rest zeros. */
function segment(
  headerTimeline: number,
  segno: bigint,
  length = segmentSize,
  systemId = 7000000000000000001n,
): Buffer {
  const buf = Buffer.alloc(length);
  buf.writeUInt16LE(0xd116, 0);
  buf.writeUInt16LE(0x0002, 2);
  buf.writeUInt32LE(headerTimeline, 4);
  buf.writeBigUInt64LE(segno * BigInt(segmentSize), 8);
  buf.writeBigUInt64LE(systemId, 24);
  buf.writeUInt32LE(segmentSize, 32);
  buf.writeUInt32LE(8192, 36);
  return buf;
}

describe('WAL file names and contents', () => {
  it('knows a partial segment by its name', () => {
    expect(parseWalFileName('000000010000000000000007.partial')).toMatchObject({
      kind: 'partial',
      timeline: 1,
      segno: 7n,
    });
    expect(() => parseWalFileName('000000010000000000000007.partial.zst')).toThrow(/not a WAL file name/);
  });

  it('accepts the first segment of a timeline, whose first page names the parent timeline', () => {
    expect(checkWalContent(parseWalFileName('000000020000000000000003'), segment(1, 3n), null).kind).toBe(
      'segment',
    );
    expect(() => checkWalContent(parseWalFileName('000000020000000000000003'), segment(3, 3n), null)).toThrow(
      /header says timeline 3/,
    );
  });

  it('accepts a partial segment cut short, and refuses a segment cut short', () => {
    expect(
      checkWalContent(parseWalFileName('000000010000000000000003.partial'), segment(1, 3n, 8192), null).kind,
    ).toBe('partial');
    expect(() =>
      checkWalContent(parseWalFileName('000000010000000000000003'), segment(1, 3n, 8192), null),
    ).toThrow(/the upload was cut/);
    expect(() =>
      checkWalContent(parseWalFileName('000000010000000000000003.partial'), segment(1, 4n, 8192), null),
    ).toThrow(/first page is at/);
  });

  it('takes two copies of a partial segment for the same WAL when one extends the other past zeros', () => {
    const wal = segment(1, 3n, 10_000);
    wal.fill(7, 40);
    const padded = Buffer.concat([wal, Buffer.alloc(20_000)]);
    expect(samePartialWal(wal, padded)).toBe(true);
    expect(samePartialWal(wal.subarray(0, 5000), padded)).toBe(true);
    const other = Buffer.from(padded);
    other[4000] = 9;
    expect(samePartialWal(wal, other)).toBe(false);
  });
});
