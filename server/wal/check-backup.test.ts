import { describe, expect, it } from 'vitest';
import { judgeBackupWal } from './check-backup';

const range = { timeline: 1, begin: 10n, end: 12n, segmentSize: 16 * 1024 * 1024 };
const set = (...segnos: number[]) => new Set(segnos.map(BigInt));

describe("check-backup (Barman's rules)", () => {
  it('waits while nothing or only older WAL is archived', () => {
    expect(judgeBackupWal(range, set(), null)).toEqual({ status: 'WAITING_FOR_WALS' });
    expect(judgeBackupWal(range, set(8, 9), 9n)).toEqual({ status: 'WAITING_FOR_WALS' });
  });

  it('waits while the archive is inside the range without a gap', () => {
    expect(judgeBackupWal(range, set(10, 11), 11n)).toEqual({ status: 'WAITING_FOR_WALS' });
  });

  it('is DONE once begin..end are all archived', () => {
    expect(judgeBackupWal(range, set(10, 11, 12), 12n)).toEqual({ status: 'DONE' });
    expect(judgeBackupWal(range, set(10, 11, 12, 13), 13n)).toEqual({ status: 'DONE' });
  });

  it('FAILS on a gap, naming the first missing segment', () => {
    expect(judgeBackupWal(range, set(10, 12, 13), 13n)).toEqual({
      status: 'FAILED',
      error: 'At least one WAL file is missing. The first missing WAL file is 00000001000000000000000B.',
    });
    // A gap below the newest archived segment will never fill, even before end_wal arrives.
    expect(judgeBackupWal({ ...range, end: 20n }, set(11, 12), 12n)).toMatchObject({
      status: 'FAILED',
      error: expect.stringContaining('00000001000000000000000A') as string,
    });
  });
});
