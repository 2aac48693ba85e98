import { describe, expect, it } from 'vitest';
import type { CheckResult, Probe } from '../types';
import { evaluateChecks } from './evaluate-checks';
import { healthyProbe } from './healthy-probe';

const find = (results: CheckResult[], name: string) => results.find((r) => r.name === name);
const failures = (probe: Probe) => evaluateChecks(probe).filter((r) => r.status === 'FAILED');

describe('catalog-based checks', () => {
  const noBackups = { lastBackup: null, doneBackups: 0, newestWalSinceBackup: null, walBytesAfterBackup: 0n };

  it('no backups yet: maximum age and minimum size FAILED with what to do', () => {
    const results = evaluateChecks(healthyProbe({ catalog: noBackups }));
    expect(find(results, 'backup maximum age')).toEqual({
      name: 'backup maximum age',
      status: 'FAILED',
      hint: 'interval provided: 1 day, latest backup age: none (no backups yet; take one)',
    });
    expect(find(results, 'backup minimum size')?.hint).toBe(
      'last backup size 0 B < 976.6 KiB minimum (no backups yet; take one)',
    );
    expect(find(results, 'wal maximum age')?.status).toBe('FAILED');
    expect(find(results, 'minimum redundancy requirements')).toEqual({
      name: 'minimum redundancy requirements',
      status: 'FAILED',
      hint: 'have 0 non-incremental backups, expected at least 1',
    });
  });

  it('thresholds unset: OK with Barman hints', () => {
    const results = evaluateChecks(
      healthyProbe({
        server: {
          lastBackupMaximumAge: null,
          lastBackupMinimumSize: null,
          lastWalMaximumAge: null,
          minimumRedundancy: 0,
        },
        catalog: noBackups,
      }),
    );
    expect(find(results, 'backup maximum age')).toEqual({
      name: 'backup maximum age',
      status: 'OK',
      hint: 'no last_backup_maximum_age provided',
    });
    expect(find(results, 'backup minimum size')).toEqual({
      name: 'backup minimum size',
      status: 'OK',
      hint: '0 B',
      perfdata: { backup_size: 0 },
    });
    expect(find(results, 'wal maximum age')).toEqual({
      name: 'wal maximum age',
      status: 'OK',
      hint: 'no last_wal_maximum_age provided',
    });
    expect(find(results, 'wal size')?.perfdata).toEqual({ wal_size: 0 });
    expect(
      failures(
        healthyProbe({
          server: {
            lastBackupMaximumAge: null,
            lastBackupMinimumSize: null,
            lastWalMaximumAge: null,
            minimumRedundancy: 0,
          },
          catalog: noBackups,
        }),
      ),
    ).toEqual([]);
  });

  it('an old backup, a small backup, stale WAL and failed backups FAIL', () => {
    const lastBackup = {
      backupId: '20260420T020000',
      status: 'DONE',
      endTime: new Date('2026-04-20T02:00:00Z'),
      size: 10n,
      beginWal: null,
      endWal: null,
      timeline: 1,
    };
    const results = evaluateChecks(
      healthyProbe({
        catalog: { lastBackup, failedBackups: 3, newestWalSinceBackup: new Date('2026-05-01T09:00:00Z') },
      }),
    );
    expect(find(results, 'backup maximum age')?.hint).toBe(
      'interval provided: 1 day, latest backup age: 11 days, 10 hours',
    );
    expect(find(results, 'backup minimum size')?.hint).toBe('last backup size 10 B < 976.6 KiB minimum');
    expect(find(results, 'wal maximum age')?.hint).toBe('interval provided: 1 hour, latest wal age: 3 hours');
    expect(find(results, 'failed backups')?.hint).toMatch(/^there are 3 failed backups/);
    expect(results.filter((r) => r.status === 'FAILED').map((r) => r.name)).toEqual([
      'backup maximum age',
      'backup minimum size',
      'wal maximum age',
      'failed backups',
    ]);
  });

  it('a catalog that cannot be read fails its checks honestly', () => {
    const probe = {
      ...healthyProbe(),
      catalog: {
        ok: false as const,
        error: 'the catalog did not answer before the check timeout',
        timedOut: true,
      },
    };
    const results = evaluateChecks(probe);
    expect(find(results, 'failed backups')?.hint).toBe('the catalog did not answer before the check timeout');
  });

  it('an unparsable stored setting fails the check instead of throwing', () => {
    const results = evaluateChecks(
      healthyProbe({ server: { retentionPolicy: 'KEEP ALL', lastBackupMaximumAge: 'forever' } }),
    );
    expect(find(results, 'retention policy settings')?.status).toBe('FAILED');
    expect(find(results, 'backup maximum age')?.hint).toMatch(
      /^last_backup_maximum_age: "forever" is not a duration/,
    );
  });
});
