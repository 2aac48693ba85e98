import { describe, expect, it } from 'vitest';
import { evaluateChecks } from './evaluate/evaluate-checks';
import { healthyProbe } from './evaluate/healthy-probe';
import { formatCheckJson, mangleCheckName } from './format-check-json';
import { formatNagios } from './format-nagios';

describe('Nagios output', () => {
  it('OK line with perfdata, exit 0', () => {
    const results = evaluateChecks(healthyProbe());
    expect(formatNagios({ server: 'pg1', results })).toEqual({
      text: 'BARMAN OK - Ready to serve the Espresso backup for pg1|pg1=43830000B pg1_wals=67108864B\n',
      exitCode: 0,
    });
  });

  it('CRITICAL line naming the failed checks, one detail line each, exit 2', () => {
    const results = evaluateChecks(healthyProbe({ postgres: { walLevel: 'minimal', walReceivers: 0 } }));
    const { text, exitCode } = formatNagios({ server: 'pg1', results });
    expect(exitCode).toBe(2);
    expect(text.split('\n')).toEqual([
      'BARMAN CRITICAL - server pg1 has issues * pg1 FAILED: wal_level, receive-wal running|pg1=43830000B pg1_wals=67108864B',
      "pg1.wal_level: FAILED (please set it to a higher level than 'minimal': ALTER SYSTEM SET wal_level = 'replica'; then restart PostgreSQL)",
      "pg1.receive-wal running: FAILED (no walsender with application_name 'cellar_receive_wal' in pg_stat_replication: is the Cellar WAL receiver worker running? See its log)",
      '',
    ]);
  });

  it('several servers, as Barman prints them', () => {
    const good = { server: 'a', results: [{ name: 'PostgreSQL', status: 'OK' as const }] };
    const bad = { server: 'b', results: [{ name: 'PostgreSQL', status: 'FAILED' as const }] };
    expect(formatNagios([good, { ...good, server: 'c' }]).text).toBe(
      'BARMAN OK - Ready to serve the Espresso backup for 2 servers * a * c\n',
    );
    expect(formatNagios([good, bad]).text).toBe(
      'BARMAN CRITICAL - 1 server out of 2 have issues * b FAILED: PostgreSQL\nb.PostgreSQL: FAILED\n',
    );
    expect(formatNagios([]).text).toBe('BARMAN OK - No server configured\n');
  });

  it('perfdata of every server, also on CRITICAL; hints in parentheses', () => {
    const sized = { server: 'c', results: [{ name: 'PostgreSQL', status: 'OK' as const }, { name: 'backup minimum size', status: 'OK' as const, hint: '789 B', perfdata: { backup_size: 789 } }] };
    const ok = (server: string) => ({ server, results: [{ name: 'test', status: 'OK' as const }] });
    expect(formatNagios([ok('a'), ok('b'), sized])).toEqual({ text: 'BARMAN OK - Ready to serve the Espresso backup for 3 servers * a * b * c|c=789B\n', exitCode: 0 });
    const walSized = { server: 'c', results: [{ name: 'wal size', status: 'OK' as const, perfdata: { wal_size: 789 } }] };
    const failing = { server: 'b', results: [{ name: 'test', status: 'FAILED' as const, hint: 'hint' }] };
    expect(formatNagios([ok('a'), failing, walSized])).toEqual({
      text: 'BARMAN CRITICAL - 1 server out of 3 have issues * b FAILED: test|c_wals=789B\nb.test: FAILED (hint)\n',
      exitCode: 2,
    });
  });

  it('ignores the failures of inactive (disabled) servers, as Barman does', () => {
    const ok = (server: string) => ({ server, results: [{ name: 'test', status: 'OK' as const }] });
    const inactive = (server: string) => ({ server, active: false, results: [{ name: 'test', status: 'FAILED' as const }] });
    expect(formatNagios([ok('a'), inactive('b'), inactive('c')])).toEqual({ text: 'BARMAN OK - Ready to serve the Espresso backup for a * IGNORING: b * IGNORING: c\n', exitCode: 0 });
    expect(formatNagios([ok('a'), ok('b'), inactive('c')]).text).toBe('BARMAN OK - Ready to serve the Espresso backup for 2 servers * a * b * IGNORING: c\n');
    expect(formatNagios([inactive('a'), inactive('b')]).text).toBe('BARMAN OK - No server configured * IGNORING: a * IGNORING: b\n');
    // Once an active server fails, the inactive ones with failures are listed among the issues too.
    const failing = { server: 'd', results: [{ name: 'test', status: 'FAILED' as const }] };
    expect(formatNagios([inactive('a'), failing])).toEqual({
      text: 'BARMAN CRITICAL - 2 server out of 2 have issues * a FAILED: test * d FAILED: test\na.test: FAILED\nd.test: FAILED\n',
      exitCode: 2,
    });
  });
});

describe('JSON output', () => {
  it('mangles names as Barman does', () => {
    expect(mangleCheckName('PostgreSQL streaming')).toBe('postgresql_streaming');
    expect(mangleCheckName('receive-wal running')).toBe('receive_wal_running');
    expect(mangleCheckName('superuser or standard user with backup privileges')).toBe(
      'superuser_or_standard_user_with_backup_privileges',
    );
    expect(mangleCheckName('WAL archive')).toBe('wal_archive');
    expect(mangleCheckName('pg_basebackup compatible')).toBe('pg_basebackup_compatible');
    expect(mangleCheckName('a.b-c d')).toBe('ab_c_d');
  });

  it('maps each server to its checks with status and hint (empty when none)', () => {
    const json = formatCheckJson({ server: 'pg1', results: evaluateChecks(healthyProbe()) });
    expect(json.pg1?.postgresql).toEqual({ status: 'OK', hint: '' });
    expect(json.pg1?.wal_size).toEqual({ status: 'OK', hint: '64.0 MiB' });
    expect(Object.keys(json.pg1 ?? {})).toContain('superuser_or_standard_user_with_backup_privileges');
  });
});
