import { humanDuration } from '../contracts/barman-options';
import type { FleetProblem, FleetServerView, HealthLevel } from '../contracts/fleet';

// Pure: the facts of one server and the time now give its health and what is wrong, worst first.
// The checks stay the authority (Barman's rules); this adds what only the catalog knows at a
// glance — ages against the server's thresholds, holes in the WAL, a last attempt that failed.

export type FleetFacts = Omit<FleetServerView, 'health' | 'problems'> & { createdAt: string };

const hourMs = 3_600_000;
/** Checks older than this no longer vouch for the server's health. */
const staleCheckMs = 24 * hourMs;
/** A backup waiting this long for its WAL means archiving is not keeping up. */
const waitingTooLongMs = 2 * hourMs;
/** A server registered this long ago without a backup is a problem, not a new arrival. */
const newServerMs = 24 * hourMs;

const age = (fromIso: string, now: number) => humanDuration(Math.max(0, (now - Date.parse(fromIso)) / 1000));

function checkProblems(f: FleetFacts, now: number): FleetProblem[] {
  if (!f.lastCheck) return [{ code: 'never_checked', level: 'warning', message: 'Never checked: run the checks to learn its health.' }];
  const out: FleetProblem[] = [];
  if (!f.lastCheck.ok) {
    const names = f.lastCheck.failed;
    out.push({ code: 'checks_failed', level: 'critical', message: `${names.length} check${names.length === 1 ? '' : 's'} failed: ${names.join(', ')}.` });
  }
  if (now - Date.parse(f.lastCheck.checkedAt) > staleCheckMs)
    out.push({ code: 'checks_stale', level: 'warning', message: `Last checked ${age(f.lastCheck.checkedAt, now)} ago.` });
  return out;
}

function backupProblems(f: FleetFacts, now: number): FleetProblem[] {
  const out: FleetProblem[] = [];
  const available = f.lastAvailableBackup;
  if (!available?.endTime) {
    const old = now - Date.parse(f.createdAt) > newServerMs;
    out.push({ code: 'no_backup', level: old ? 'critical' : 'warning', message: 'No backup can be restored yet: take one.' });
  } else if (f.backupMaximumAgeSeconds !== null && now - Date.parse(available.endTime) > f.backupMaximumAgeSeconds * 1000) {
    out.push({
      code: 'backup_too_old',
      level: 'critical',
      message: `Last backup ended ${age(available.endTime, now)} ago, over last_backup_maximum_age (${humanDuration(f.backupMaximumAgeSeconds)}).`,
    });
  }
  const last = f.lastBackup;
  if (last?.status === 'FAILED') out.push({ code: 'last_backup_failed', level: 'warning', message: `The last backup attempt (${last.backupId}) failed.` });
  if (last?.status === 'WAITING_FOR_WALS' && last.endTime && now - Date.parse(last.endTime) > waitingTooLongMs)
    out.push({ code: 'backup_waiting', level: 'warning', message: `Backup ${last.backupId} has waited ${age(last.endTime, now)} for its WAL.` });
  return out;
}

function walProblems(f: FleetFacts, now: number): FleetProblem[] {
  const out: FleetProblem[] = [];
  if (!f.streamingArchiver && !f.pushArchiver)
    out.push({ code: 'no_archiving', level: 'warning', message: 'No WAL archiving is configured: no point-in-time recovery beyond the backups themselves.' });
  if (f.wal.missingSegments > 0)
    out.push({ code: 'wal_gap', level: 'critical', message: `${f.wal.missingSegments} WAL segment${f.wal.missingSegments === 1 ? ' is' : 's are'} missing from the archive: recovery cannot replay across the gap.` });
  const last = f.wal.last;
  if (f.walMaximumAgeSeconds !== null && (f.streamingArchiver || f.pushArchiver)) {
    if (!last) out.push({ code: 'no_wal', level: f.lastAvailableBackup ? 'critical' : 'warning', message: 'No WAL has been archived yet.' });
    else if (now - Date.parse(last.archivedAt) > f.walMaximumAgeSeconds * 1000)
      out.push({
        code: 'wal_too_old',
        level: 'critical',
        message: `Last WAL archived ${age(last.archivedAt, now)} ago, over last_wal_maximum_age (${humanDuration(f.walMaximumAgeSeconds)}).`,
      });
  }
  return out;
}

export function assessServer(f: FleetFacts, now: number): { health: HealthLevel; problems: FleetProblem[] } {
  if (!f.enabled) return { health: 'disabled', problems: [] };
  const problems = [...checkProblems(f, now), ...backupProblems(f, now), ...walProblems(f, now)].sort(
    (a, b) => (a.level === b.level ? 0 : a.level === 'critical' ? -1 : 1),
  );
  const health: HealthLevel = problems.some((p) => p.level === 'critical') ? 'critical' : problems.length ? 'warning' : 'ok';
  return { health, problems };
}

const rank: Record<HealthLevel, number> = { critical: 0, warning: 1, ok: 2, disabled: 3 };

/** Trouble first: critical, then warning, then fine, disabled last; the most problems first, then by name. */
export function compareFleet(a: Pick<FleetServerView, 'health' | 'problems' | 'name'>, b: Pick<FleetServerView, 'health' | 'problems' | 'name'>): number {
  return rank[a.health] - rank[b.health] || b.problems.length - a.problems.length || a.name.localeCompare(b.name);
}
