import { describe, expect, it } from 'vitest';
import type { CheckResult, Probe } from '../types';
import { evaluateChecks } from './evaluate-checks';
import { healthyProbe } from './healthy-probe';

const names = (results: CheckResult[]) => results.map((r) => r.name);
const find = (results: CheckResult[], name: string) => results.find((r) => r.name === name);

describe('PostgreSQL', () => {
  it('unreachable: FAILED with the error, dependent checks skipped or failed', () => {
    const probe = {
      ...healthyProbe(),
      postgres: {
        ok: false as const,
        error: 'connection refused by 127.0.0.1:1: is PostgreSQL running there?',
      },
      streaming: { ok: false as const, error: 'refused' },
    };
    const results = evaluateChecks(probe);
    expect(results[0]).toEqual({
      name: 'PostgreSQL',
      status: 'FAILED',
      hint: 'connection refused by 127.0.0.1:1: is PostgreSQL running there?',
    });
    expect(names(results)).not.toContain('wal_level');
    expect(names(results)).not.toContain('PostgreSQL streaming');
    expect(names(results)).not.toContain('archive_mode');
    expect(find(results, 'replication slot')).toEqual({
      name: 'replication slot',
      status: 'FAILED',
      hint: 'PostgreSQL is unreachable',
    });
    expect(find(results, 'receive-wal running')).toEqual({
      name: 'receive-wal running',
      status: 'FAILED',
      hint: 'PostgreSQL is unreachable',
    });
  });

  it('a standby says so in the PostgreSQL hint', () => {
    expect(evaluateChecks(healthyProbe({ postgres: { isInRecovery: true } }))[0]).toEqual({
      name: 'PostgreSQL',
      status: 'OK',
      hint: 'in recovery (a standby): WAL switches and restore points must happen on its primary',
    });
  });

  it('too old: unsupported version', () => {
    const results = evaluateChecks(healthyProbe({ postgres: { versionNum: 120018, versionText: '12.18' } }));
    expect(results[0]).toEqual({
      name: 'PostgreSQL',
      status: 'FAILED',
      hint: 'unsupported version: PostgreSQL server is too old (12.18 < 13.0)',
    });
    expect(names(results)).not.toContain('wal_level');
  });

  it('a role without backup privileges is reported as "no access to backup functions" with the GRANTs to run', () => {
    const role = {
      name: 'app_backup',
      superuser: false,
      replication: false,
      monitor: false,
      readAllSettings: false,
      readAllStats: false,
      checkpoint: false,
    };
    const functions = { backupStart: false, backupStop: false, switchWal: true, createRestorePoint: false };
    const results = evaluateChecks(healthyProbe({ postgres: { role, functions } }));
    const check = results[1];
    expect(check?.name).toBe('no access to backup functions');
    expect(check?.status).toBe('FAILED');
    expect(check?.hint).toBe(
      'privileges for PostgreSQL backup functions are required; as a superuser run: GRANT pg_monitor TO app_backup; ' +
        'GRANT EXECUTE ON FUNCTION pg_backup_start(text, boolean) TO app_backup; GRANT EXECUTE ON FUNCTION pg_backup_stop(boolean) TO app_backup; ' +
        'GRANT EXECUTE ON FUNCTION pg_create_restore_point(text) TO app_backup; GRANT pg_checkpoint TO app_backup; ALTER ROLE app_backup REPLICATION;',
    );
  });

  it('names the pre-15 functions on PostgreSQL 14 and quotes odd role names', () => {
    const role = {
      name: 'Backup-User',
      superuser: false,
      replication: true,
      monitor: true,
      readAllSettings: false,
      readAllStats: false,
      checkpoint: null,
    };
    const functions = { backupStart: false, backupStop: false, switchWal: true, createRestorePoint: true };
    const hint = evaluateChecks(
      healthyProbe({ postgres: { versionNum: 140011, versionText: '14.11', role, functions } }),
    )[1]?.hint;
    expect(hint).toContain(
      'GRANT EXECUTE ON FUNCTION pg_start_backup(text, boolean, boolean) TO "Backup-User";',
    );
    expect(hint).toContain('pg_stop_backup(boolean, boolean)');
    expect(hint).not.toContain('pg_monitor');
    expect(hint).not.toContain('pg_checkpoint');
  });

  it('a standard user with pg_read_all_settings + pg_read_all_stats and the functions passes', () => {
    const role = {
      name: 'cellar',
      superuser: false,
      replication: true,
      monitor: false,
      readAllSettings: true,
      readAllStats: true,
      checkpoint: false,
    };
    expect(evaluateChecks(healthyProbe({ postgres: { role } }))[1]).toEqual({
      name: 'superuser or standard user with backup privileges',
      status: 'OK',
    });
  });

  it('streaming connection failure carries its error', () => {
    const probe = {
      ...healthyProbe(),
      streaming: { ok: false as const, error: 'no pg_hba.conf entry for replication connection' },
    };
    expect(find(evaluateChecks(probe), 'PostgreSQL streaming')).toEqual({
      name: 'PostgreSQL streaming',
      status: 'FAILED',
      hint: 'no pg_hba.conf entry for replication connection',
    });
  });

  it('no streaming check without a streaming connection', () => {
    const probe = {
      ...healthyProbe({ server: { backupMethod: 'ssh', streamingArchiver: false, slotName: null } }),
      streaming: null,
    };
    expect(names(evaluateChecks(probe))).not.toContain('PostgreSQL streaming');
  });

  it('wal_level minimal fails with what to set', () => {
    expect(
      find(evaluateChecks(healthyProbe({ postgres: { walLevel: 'minimal' } })), 'wal_level')?.hint,
    ).toMatch(/^please set it to a higher level than 'minimal'/);
  });
});

describe('replication slot', () => {
  const slotHint = (probe: Probe) => find(evaluateChecks(probe), 'replication slot');

  it('is absent without slot_name', () => {
    expect(slotHint(healthyProbe({ server: { slotName: null } }))).toBeUndefined();
  });

  it('missing with streaming on: FAILED, hint depends on create_slot', () => {
    expect(slotHint(healthyProbe({ postgres: { slot: null } }))?.hint).toMatch(
      /^replication slot 'cellar' doesn't exist\. Cellar creates it when the WAL receiver starts/,
    );
    expect(
      slotHint(healthyProbe({ server: { createSlot: false }, postgres: { slot: null } }))?.hint,
    ).toContain("SELECT pg_create_physical_replication_slot('cellar');");
  });

  it('not initialised, inactive, logical or lost: FAILED', () => {
    const slot = { slotType: 'physical', active: true, restartLsn: '0/1', walStatus: 'reserved' };
    expect(slotHint(healthyProbe({ postgres: { slot: { ...slot, restartLsn: null } } }))?.hint).toBe(
      "slot 'cellar' not initialised: is the Cellar WAL receiver running?",
    );
    expect(slotHint(healthyProbe({ postgres: { slot: { ...slot, active: false } } }))?.hint).toBe(
      "slot 'cellar' not active: is the Cellar WAL receiver running?",
    );
    expect(slotHint(healthyProbe({ postgres: { slot: { ...slot, slotType: 'logical' } } }))?.status).toBe(
      'FAILED',
    );
    expect(slotHint(healthyProbe({ postgres: { slot: { ...slot, walStatus: 'lost' } } }))?.hint).toMatch(
      /lost WAL/,
    );
  });

  it('streaming off: an existing initialised slot is an OK with a warning; a missing one says nothing', () => {
    const slot = { slotType: 'physical', active: false, restartLsn: '0/1', walStatus: 'reserved' };
    const warned = slotHint(healthyProbe({ server: { streamingArchiver: false }, postgres: { slot } }));
    expect(warned?.status).toBe('OK');
    expect(warned?.hint).toMatch(
      /^WARNING: slot 'cellar' is initialised but not required by the current config/,
    );
    expect(
      slotHint(healthyProbe({ server: { streamingArchiver: false }, postgres: { slot: null } })),
    ).toBeUndefined();
  });
});
