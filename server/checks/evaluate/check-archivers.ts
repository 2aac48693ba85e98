import type { ArchiverStats, CheckResult, PostgresFacts, Probe } from '../types';
import { receiveWalApplicationName } from '../types';
import { failed, ok, unreachableHint } from './result';

// Barman's archivers, in their order: the streaming archiver (`receive-wal running`), then the
// file archiver (`archive_mode`, `archive_command`, `continuous archiving`). Barman forces the
// file archiver on when both are off, so a server with no WAL channel at all is told so here.

export function checkArchivers(probe: Probe): CheckResult[] {
  const { streamingArchiver, pushArchiver } = probe.server;
  const results: CheckResult[] = [];
  if (streamingArchiver) results.push(checkReceiveWal(probe));
  if ((pushArchiver || !streamingArchiver) && probe.postgres.ok)
    results.push(...checkFileArchiver(probe.postgres.value));
  return results;
}

function checkReceiveWal(probe: Probe): CheckResult {
  const name = 'receive-wal running';
  if (!probe.postgres.ok) return failed(name, unreachableHint);
  if (probe.postgres.value.walReceivers > 0) return ok(name);
  return failed(
    name,
    `no walsender with application_name '${receiveWalApplicationName}' in pg_stat_replication: is the Cellar WAL receiver worker running? See its log`,
  );
}

function checkFileArchiver(facts: PostgresFacts): CheckResult[] {
  const results: CheckResult[] = [];
  if (facts.archiveMode === 'on' || facts.archiveMode === 'always') results.push(ok('archive_mode'));
  else
    results.push(
      failed(
        'archive_mode',
        "please set it to 'on' or 'always': ALTER SYSTEM SET archive_mode = 'on'; then restart PostgreSQL",
      ),
    );

  if (facts.archiveLibrary) {
    results.push(ok('archive_command', `archive_library '${facts.archiveLibrary}' is used instead`));
  } else if (facts.archiveCommand === null) {
    return [
      ...results,
      failed(
        'archive_command',
        `cannot read archive_command: GRANT pg_read_all_settings TO ${facts.role.name};`,
      ),
    ];
  } else if (facts.archiveCommand === '' || facts.archiveCommand === '(disabled)') {
    return [
      ...results,
      failed(
        'archive_command',
        'please set it accordingly to documentation: archive_command must ship each WAL segment to Cellar (cellar-wal-archive)',
      ),
    ];
  } else {
    results.push(ok('archive_command'));
  }
  if (facts.archiver) results.push(checkContinuousArchiving(facts.archiveMode, facts.archiver));
  return results;
}

function checkContinuousArchiving(archiveMode: string | null, stats: ArchiverStats): CheckResult {
  if (isArchiving(archiveMode, stats)) return ok('continuous archiving');
  const last = stats.lastFailedWal
    ? `archiving ${stats.lastFailedWal} failed at ${stats.lastFailedTime?.toISOString() ?? '?'} (${stats.failedCount} failures)`
    : 'archive_mode is off';
  return failed('continuous archiving', `${last}: see the PostgreSQL log for the archive_command's error`);
}

/**
 * Barman's is_archiving (postgres.get_archiver_stats): archive_mode on and either no failure, a
 * failure that was followed by a success, or a failed .history file of a timeline already passed.
 */
export function isArchiving(archiveMode: string | null, s: ArchiverStats): boolean {
  if (archiveMode !== 'on' && archiveMode !== 'always') return false;
  if (s.lastFailedWal === null) return true;
  if (
    s.lastFailedWal.endsWith('.history') &&
    s.lastArchivedWal !== null &&
    s.lastFailedWal.slice(0, 8) <= s.lastArchivedWal.slice(0, 8)
  )
    return true;
  return (
    s.lastFailedTime !== null &&
    s.lastArchivedTime !== null &&
    s.lastFailedTime.getTime() <= s.lastArchivedTime.getTime()
  );
}
