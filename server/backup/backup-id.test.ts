import { describe, expect, it } from 'vitest';
import { backupIdAt, backupIdTime } from './backup-id';

describe('backup ids', () => {
  it('formats the UTC time as YYYYMMDDTHHMMSS', () => {
    expect(backupIdAt(new Date('2026-12-02T14:05:01.987Z'))).toBe('20261202T140501');
    expect(backupIdAt(new Date('2027-01-09T03:04:05+02:00'))).toBe('20270109T010405');
  });

  it('reads the time back', () => {
    expect(backupIdTime('20261202T140501').toISOString()).toBe('2026-12-02T14:05:01.000Z');
    expect(() => backupIdTime('2026-12-02')).toThrow(/not a backup id/);
  });
});
