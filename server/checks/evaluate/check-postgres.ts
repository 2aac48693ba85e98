import type { CheckResult, PostgresFacts, Probe } from '../types';
import { minimumPgVersionNum } from '../types';
import { failed, ok } from './result';

// Barman's Server.check_postgres: `PostgreSQL`, the backup-privileges check, `PostgreSQL
// streaming` and `wal_level`. When PostgreSQL does not answer (or is too old) Barman stops there,
// and so do we: the later three need a server that answers.

export function checkPostgres(probe: Probe): CheckResult[] {
  const pg = probe.postgres;
  if (!pg.ok) return [failed('PostgreSQL', pg.error)];
  const facts = pg.value;
  if (facts.versionNum < minimumPgVersionNum) {
    return [
      failed('PostgreSQL', `unsupported version: PostgreSQL server is too old (${facts.versionText} < 13.0)`),
    ];
  }
  const results = [
    ok(
      'PostgreSQL',
      facts.isInRecovery
        ? 'in recovery (a standby): WAL switches and restore points must happen on its primary'
        : undefined,
    ),
    checkBackupPrivileges(facts),
  ];
  const streaming = checkStreaming(probe);
  if (streaming) results.push(streaming);
  if (facts.walLevel !== null) results.push(checkWalLevel(facts.walLevel));
  return results;
}

export function hasBackupPrivileges(facts: PostgresFacts): boolean {
  const { role, functions } = facts;
  if (role.superuser) return true;
  const monitoring = role.monitor || (role.readAllSettings && role.readAllStats);
  return (
    monitoring &&
    functions.backupStart &&
    functions.backupStop &&
    functions.switchWal &&
    functions.createRestorePoint
  );
}

function checkBackupPrivileges(facts: PostgresFacts): CheckResult {
  if (hasBackupPrivileges(facts)) return ok('superuser or standard user with backup privileges');
  return failed('no access to backup functions', grantHint(facts));
}

/** The exact statements a superuser runs to give this role what backups need, and only those. */
export function grantHint(facts: PostgresFacts): string {
  const { role, functions } = facts;
  const who = quoteIdent(role.name);
  const pg15 = facts.versionNum >= 150000;
  const grants: string[] = [];
  if (!role.monitor && !(role.readAllSettings && role.readAllStats))
    grants.push(`GRANT pg_monitor TO ${who};`);
  const fn = (signature: string) => `GRANT EXECUTE ON FUNCTION ${signature} TO ${who};`;
  if (!functions.backupStart)
    grants.push(fn(pg15 ? 'pg_backup_start(text, boolean)' : 'pg_start_backup(text, boolean, boolean)'));
  if (!functions.backupStop)
    grants.push(fn(pg15 ? 'pg_backup_stop(boolean)' : 'pg_stop_backup(boolean, boolean)'));
  if (!functions.switchWal) grants.push(fn('pg_switch_wal()'));
  if (!functions.createRestorePoint) grants.push(fn('pg_create_restore_point(text)'));
  if (role.checkpoint === false) grants.push(`GRANT pg_checkpoint TO ${who};`);
  if (!role.replication) grants.push(`ALTER ROLE ${who} REPLICATION;`);
  return `privileges for PostgreSQL backup functions are required; as a superuser run: ${grants.join(' ')}`;
}

function checkStreaming(probe: Probe): CheckResult | null {
  if (probe.streaming === null) return null;
  if (probe.streaming.ok) return ok('PostgreSQL streaming');
  return failed('PostgreSQL streaming', probe.streaming.error);
}

function checkWalLevel(walLevel: string): CheckResult {
  if (walLevel !== 'minimal') return ok('wal_level');
  return failed(
    'wal_level',
    "please set it to a higher level than 'minimal': ALTER SYSTEM SET wal_level = 'replica'; then restart PostgreSQL",
  );
}

function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}
