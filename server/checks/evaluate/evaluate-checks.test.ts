import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../types';
import { checksPassed, evaluateChecks } from './evaluate-checks';
import { healthyProbe } from './healthy-probe';

const names = (results: CheckResult[]) => results.map((r) => r.name);
const find = (results: CheckResult[], name: string) => results.find((r) => r.name === name);

describe('a healthy server', () => {
  it('passes every check, in Barman order', () => {
    const results = evaluateChecks(healthyProbe());
    expect(results.filter((r) => r.status === 'FAILED')).toEqual([]);
    expect(checksPassed(results)).toBe(true);
    expect(names(results)).toEqual([
      'PostgreSQL',
      'superuser or standard user with backup privileges',
      'PostgreSQL streaming',
      'wal_level',
      'replication slot',
      'directories',
      'retention policy settings',
      'backup maximum age',
      'backup minimum size',
      'wal maximum age',
      'wal size',
      'compression settings',
      'failed backups',
      'minimum redundancy requirements',
      'systemid coherence',
      'receive-wal running',
      'archive_mode',
      'archive_command',
      'continuous archiving',
      'archiver errors',
    ]);
  });

  it('gives Barman hints and perfdata', () => {
    const results = evaluateChecks(healthyProbe());
    expect(find(results, 'backup maximum age')?.hint).toBe(
      'interval provided: 1 day, latest backup age: 9 hours, 50 minutes',
    );
    expect(find(results, 'backup minimum size')).toEqual({
      name: 'backup minimum size',
      status: 'OK',
      hint: 'last backup size 41.8 MiB > 976.6 KiB minimum',
      perfdata: { backup_size: 43_830_000 },
    });
    expect(find(results, 'wal maximum age')?.hint).toBe(
      'interval provided: 1 hour, latest wal age: 1 minute',
    );
    expect(find(results, 'wal size')).toEqual({
      name: 'wal size',
      status: 'OK',
      hint: '64.0 MiB',
      perfdata: { wal_size: 67_108_864 },
    });
    expect(find(results, 'failed backups')?.hint).toBe('there are 0 failed backups');
    expect(find(results, 'minimum redundancy requirements')?.hint).toBe(
      'have 2 non-incremental backups, expected at least 1',
    );
    expect(find(results, 'directories')?.hint).toBe('/var/lib/cellar/repository/pg1, 50.0 GiB free');
  });
});

describe('check timeout', () => {
  it('is appended FAILED when the probe overran', () => {
    const probe = {
      ...healthyProbe(),
      timedOut: true,
      postgres: {
        ok: false as const,
        error: 'PostgreSQL did not answer before the check timeout',
        timedOut: true,
      },
    };
    const results = evaluateChecks(probe);
    expect(results.at(-1)).toEqual({
      name: 'check timeout',
      status: 'FAILED',
      hint: 'cellar check timed out after 30 s; the checks that did not answer in time say which part hung',
    });
    expect(results[0]?.hint).toBe('PostgreSQL did not answer before the check timeout');
  });
});
