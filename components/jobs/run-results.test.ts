import { describe, expect, it } from 'vitest';
import { readBackupRunResult, readFailedChecks, readVerifySummary } from './run-results';

describe('run results', () => {
  it("reads a backup.run's result and refuses anything else", () => {
    const result = {
      backupId: '20261202T140501',
      status: 'DONE',
      size: 10,
      storedSize: 4,
      deduplicatedSize: 4,
    };
    expect(readBackupRunResult(result)).toEqual(result);
    expect(readBackupRunResult({ backupId: 1 })).toBeNull();
    expect(readBackupRunResult(null)).toBeNull();
  });

  it("reads a verify report's summary", () => {
    expect(
      readVerifySummary({ ok: true, files: 3, summary: 'Backup X verified: 3 files match the manifest.' }),
    ).toMatch(/verified/);
    expect(readVerifySummary('nope')).toBeNull();
  });

  it('keeps only the names among the failed checks', () => {
    expect(readFailedChecks({ ok: false, failed: ['wal_level', 3] })).toEqual(['wal_level']);
    expect(readFailedChecks({})).toBeNull();
  });
});
