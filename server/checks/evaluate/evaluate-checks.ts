import type { CheckResult, Probe } from '../types';
import { checkArchiverErrors } from './check-archiver-errors';
import { checkArchivers } from './check-archivers';
import { checkBackupManager } from './check-backup-manager';
import { checkBackupValidity } from './check-backup-validity';
import { checkDirectories } from './check-directories';
import { checkIdentity } from './check-identity';
import { checkPostgres } from './check-postgres';
import { checkReplicationSlot } from './check-replication-slot';
import { checkRetentionSettings } from './check-retention-settings';
import { checkSsh } from './check-ssh';
import { checkWalValidity } from './check-wal-validity';
import { failed } from './result';

// Barman's Server.check order (3.17). Not carried over: `WAL archive` and the incoming/streaming
// queue checks (Cellar has no xlog.db or incoming directory), `encryption`, the standby checks
// (no primary_conninfo), `configuration` (settings are validated when saved) and the
// pg_basebackup / pg_receivewal binary checks (Cellar speaks the replication protocol itself).
const evaluators: ((probe: Probe) => CheckResult[])[] = [
  checkPostgres,
  checkReplicationSlot,
  checkDirectories,
  checkRetentionSettings,
  checkBackupValidity,
  checkWalValidity,
  checkBackupManager,
  checkSsh,
  checkIdentity,
  checkArchivers,
  checkArchiverErrors,
];

/** Pure: the same probe always gives the same results. */
export function evaluateChecks(probe: Probe): CheckResult[] {
  const results = evaluators.flatMap((evaluate) => evaluate(probe));
  if (probe.timedOut) {
    results.push(
      failed(
        'check timeout',
        `cellar check timed out after ${Math.round(probe.timeoutMs / 1000)} s; the checks that did not answer in time say which part hung`,
      ),
    );
  }
  return results;
}

export function checksPassed(results: CheckResult[]): boolean {
  return results.every((r) => r.status === 'OK');
}
