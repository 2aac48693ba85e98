import { describe, expect, it } from 'vitest';
import { maxLsn, parseLsn } from './lsn';
import {
  backupHistoryFileName,
  historyFileName,
  isBackupHistoryName,
  isHistoryFileName,
  isPartialName,
  isValidWalSegmentSize,
  isWalSegmentName,
  nextWalSegmentName,
  parseHistoryFileName,
  parseWalSegmentName,
  segmentOffset,
  segmentOfEndLsn,
  segmentOfLsn,
  segmentsPerLogId,
  segmentStartLsn,
  walHashDirectory,
  WalNameError,
  walSegmentName,
  walSegmentNames,
  walSegmentNamesForRange,
} from './wal-name';

const MiB = 1024 * 1024;

describe('WAL segment size', () => {
  it('accepts powers of two from 1 MiB to 1 GiB only', () => {
    for (let size = MiB; size <= 1024 * MiB; size *= 2) expect(isValidWalSegmentSize(size)).toBe(true);
    for (const size of [0, MiB / 2, 2048 * MiB, 3 * MiB, 16 * MiB + 1, 16.5 * MiB, -16 * MiB, Number.NaN])
      expect(isValidWalSegmentSize(size)).toBe(false);
    expect(() => walSegmentName({ timeline: 1, segno: 0n }, 3 * MiB)).toThrow(/not a valid wal_segment_size/);
  });

  it('splits a 4 GiB "log" into segments', () => {
    expect(segmentsPerLogId()).toBe(256n);
    expect(segmentsPerLogId(64 * MiB)).toBe(64n);
    expect(segmentsPerLogId(MiB)).toBe(4096n);
    expect(segmentsPerLogId(1024 * MiB)).toBe(4n);
  });
});

describe('WAL segment names, 16 MiB', () => {
  it('names segments around a log boundary', () => {
    expect(walSegmentName({ timeline: 1, segno: 0n })).toBe('000000010000000000000000');
    expect(walSegmentName({ timeline: 1, segno: 1n })).toBe('000000010000000000000001');
    expect(walSegmentName({ timeline: 1, segno: 255n })).toBe('0000000100000000000000FF');
    expect(walSegmentName({ timeline: 1, segno: 256n })).toBe('000000010000000100000000');
    expect(walSegmentName({ timeline: 0x1a, segno: 0x2_0000_0003n })).toBe('0000001A0200000000000003');
  });

  it('parses names back, and steps over the log boundary', () => {
    expect(parseWalSegmentName('0000000100000001000000FF')).toEqual({ timeline: 1, segno: 511n });
    expect(nextWalSegmentName('0000000100000000000000FF')).toBe('000000010000000100000000');
    expect(nextWalSegmentName('000000020000000A00000010')).toBe('000000020000000A00000011');
  });

  it('maps LSNs to segments and back', () => {
    expect(segmentOfLsn(parseLsn('0/0'))).toBe(0n);
    expect(segmentOfLsn(parseLsn('0/FFFFFF'))).toBe(0n);
    expect(segmentOfLsn(parseLsn('0/1000000'))).toBe(1n);
    expect(segmentOfLsn(parseLsn('0/FF000000'))).toBe(255n);
    expect(segmentOfLsn(parseLsn('1/0'))).toBe(256n);
    expect(segmentOfEndLsn(parseLsn('0/1000000'))).toBe(0n);
    expect(segmentOfEndLsn(parseLsn('0/1000001'))).toBe(1n);
    expect(() => segmentOfEndLsn(0n)).toThrow(/No WAL ends at 0\/0/);
    expect(segmentStartLsn(256n)).toBe(parseLsn('1/0'));
    expect(segmentOffset(parseLsn('0/3000028'))).toBe(0x28);
    expect(walSegmentName({ timeline: 1, segno: segmentOfLsn(parseLsn('16/B374D848')) })).toBe(
      '0000000100000016000000B3',
    );
  });

  it('covers the top of the address space', () => {
    const last = segmentOfLsn(maxLsn);
    expect(walSegmentName({ timeline: 0xffff_ffff, segno: last })).toBe('FFFFFFFFFFFFFFFF000000FF');
    expect(() => walSegmentName({ timeline: 1, segno: last + 1n })).toThrow(/outside the WAL address space/);
    expect(() => nextWalSegmentName('00000001FFFFFFFF000000FF')).toThrow(WalNameError);
  });
});

describe('WAL segment names, 64 MiB', () => {
  const size = 64 * MiB;

  it('names and parses segments around a log boundary', () => {
    expect(walSegmentName({ timeline: 1, segno: 63n }, size)).toBe('00000001000000000000003F');
    expect(walSegmentName({ timeline: 1, segno: 64n }, size)).toBe('000000010000000100000000');
    expect(nextWalSegmentName('00000001000000000000003F', size)).toBe('000000010000000100000000');
    expect(parseWalSegmentName('000000010000000100000000', size)).toEqual({ timeline: 1, segno: 64n });
    expect(segmentOfLsn(parseLsn('0/FC000000'), size)).toBe(63n);
    expect(segmentOfLsn(parseLsn('1/0'), size)).toBe(64n);
    expect(segmentStartLsn(65n, size)).toBe(parseLsn('1/4000000'));
  });

  it('rejects a "seg" part this segment size never produces', () => {
    expect(isWalSegmentName('000000010000000000000040', size)).toBe(false);
    expect(() => parseWalSegmentName('0000000100000000000000FF', size)).toThrow(
      /at most 64 segments per log file/,
    );
    expect(isWalSegmentName('0000000100000000000000FF')).toBe(true);
  });
});

describe('WAL file name recognition (strict: names come from the network)', () => {
  it.each([
    '00000001000000000000000',
    '0000000100000000000000001',
    '00000001000000000000000a',
    '00000000000000000000000A',
    '00000001000000000000000G',
    ' 000000010000000000000001',
    '000000010000000000000001\n',
    '../00000001000000000000001',
    '000000010000000000000001/',
    '000000010000000000000001.gz',
    '0000000100000000000000001.partial',
  ])('%j is not a WAL segment name', (name) => {
    expect(isWalSegmentName(name)).toBe(false);
    expect(() => parseWalSegmentName(name)).toThrow(WalNameError);
  });

  it('recognizes partial segments', () => {
    expect(isPartialName('000000010000000000000001.partial')).toBe(true);
    expect(isPartialName('000000010000000000000001.PARTIAL')).toBe(false);
    expect(isPartialName('000000010000000000000001')).toBe(false);
    expect(isPartialName('00000001000000000000000a.partial')).toBe(false);
    expect(isPartialName('000000010000000000000001.partial.partial')).toBe(false);
    expect(isPartialName('000000010000000000000040.partial', 64 * MiB)).toBe(false);
  });

  it('recognizes timeline history files', () => {
    expect(isHistoryFileName('00000002.history')).toBe(true);
    expect(isHistoryFileName('0000000A.history')).toBe(true);
    expect(isHistoryFileName('0000000a.history')).toBe(false);
    expect(isHistoryFileName('00000000.history')).toBe(false);
    expect(isHistoryFileName('2.history')).toBe(false);
    expect(isHistoryFileName('00000002.history.gz')).toBe(false);
    expect(historyFileName(10)).toBe('0000000A.history');
    expect(parseHistoryFileName('0000000A.history')).toBe(10);
    expect(() => parseHistoryFileName('00000000.history')).toThrow(WalNameError);
    expect(() => historyFileName(0)).toThrow(/not a timeline/);
  });

  it('recognizes backup history files', () => {
    expect(isBackupHistoryName('000000010000000000000002.00000028.backup')).toBe(true);
    expect(isBackupHistoryName('000000010000000000000002.00FFFFF8.backup')).toBe(true);
    expect(isBackupHistoryName('000000010000000000000002.01000000.backup')).toBe(false);
    expect(isBackupHistoryName('000000010000000000000002.backup')).toBe(false);
    expect(isBackupHistoryName('000000010000000000000002.0000028.backup')).toBe(false);
    expect(isBackupHistoryName('000000010000000000000002.00000028.Backup')).toBe(false);
    expect(backupHistoryFileName(1, parseLsn('0/2000028'))).toBe('000000010000000000000002.00000028.backup');
  });

  it('gives the per-log hash directory', () => {
    expect(walHashDirectory('0000000100000016000000B3')).toBe('0000000100000016');
    expect(walHashDirectory('0000000200000016000000B3.partial')).toBe('0000000200000016');
    expect(walHashDirectory('000000010000000000000002.00000028.backup')).toBe('0000000100000000');
    expect(() => walHashDirectory('00000002.history')).toThrow(WalNameError);
    expect(() => walHashDirectory('0000000100000016000000b3')).toThrow(/not the name of a WAL segment/);
  });
});

describe('WAL segment ranges', () => {
  it('iterates over a range across a log boundary', () => {
    expect([...walSegmentNames(1, 254n, 257n)]).toEqual([
      '0000000100000000000000FE',
      '0000000100000000000000FF',
      '000000010000000100000000',
      '000000010000000100000001',
    ]);
    expect([...walSegmentNames(1, 5n, 4n)]).toEqual([]);
  });

  it('is lazy, so a huge range costs nothing until read', () => {
    const names = walSegmentNames(1, 0n, segmentOfLsn(maxLsn));
    expect(names.next().value).toBe('000000010000000000000000');
  });

  it('lists the segments a backup between two LSNs needs', () => {
    expect([...walSegmentNamesForRange(1, parseLsn('0/2000028'), parseLsn('0/2000100'))]).toEqual([
      '000000010000000000000002',
    ]);
    expect([...walSegmentNamesForRange(1, parseLsn('0/2000028'), parseLsn('0/4000000'))]).toEqual([
      '000000010000000000000002',
      '000000010000000000000003',
    ]);
    expect([...walSegmentNamesForRange(1, parseLsn('0/FF000028'), parseLsn('1/1000000'), 64 * MiB)]).toEqual([
      '00000001000000000000003F',
      '000000010000000100000000',
    ]);
    expect(() => walSegmentNamesForRange(1, 10n, 9n)).toThrow(/cannot precede/);
  });

  it('rejects timeline 0 and negative segment numbers', () => {
    expect(() => walSegmentName({ timeline: 0, segno: 1n })).toThrow(/not a timeline/);
    expect(() => walSegmentName({ timeline: 1.5, segno: 1n })).toThrow(/not a timeline/);
    expect(() => walSegmentName({ timeline: 1, segno: -1n })).toThrow(/outside the WAL address space/);
  });
});
