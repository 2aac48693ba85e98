import type { Finding, LatestRun, ServerFacts } from '../types';
import { runKindLabel } from '../../contracts/runs';
import { subjectOf } from './backup-rules';

// A failed run is an event; as a condition it reads "the latest run of this kind failed", which
// holds until a later run of the same kind succeeds: that is what resolves it.

export const backupRunKinds = ['backup.run'] as const;
export const restoreRunKinds = ['restore.run', 'restore.verify'] as const;
export const watchedRunKinds: readonly string[] = [...backupRunKinds, ...restoreRunKinds];

export function backupFailed(facts: ServerFacts): Finding[] {
  return failedRuns(facts, backupRunKinds).map((run) => ({
    rule: 'backup_failed' as const,
    ...subjectOf(facts),
    summary: `The last backup of ${facts.server.name} failed: ${oneLine(run.error)}`,
    details: detailsOf(run),
  }));
}

export function restoreFailed(facts: ServerFacts): Finding[] {
  return failedRuns(facts, restoreRunKinds).map((run) => ({
    rule: 'restore_failed' as const,
    ...subjectOf(facts, { key: run.kind, label: runKindLabel(run.kind) }),
    summary: `The last ${runKindLabel(run.kind)} of ${facts.server.name} failed: ${oneLine(run.error)}`,
    details: detailsOf(run),
  }));
}

/** One alert per backup that failed verification and is still in the catalog. */
export function verifyFailed(facts: ServerFacts): Finding[] {
  return facts.failedVerifications.map((b) => ({
    rule: 'verify_failed' as const,
    ...subjectOf(facts, { key: `backup:${b.backupUuid}`, label: `backup ${b.backupId}` }),
    summary: `Backup ${b.backupId} of ${facts.server.name} did not match its manifest when read back. Verify it again or take a new backup; do not count on it for a restore.`,
    details: { backupId: b.backupId, verifiedAt: b.verifiedAt?.toISOString() ?? null },
  }));
}

// These checks have rules of their own that read the catalog directly, or they would alert twice.
const coveredChecks = new Set([
  'backup maximum age',
  'backup minimum size',
  'wal maximum age',
  'archiver errors',
  // receiver_down reads the receiver's own state, every 30 s rather than every 5 minutes.
  'receive-wal running',
]);

/** One alert per failed check of the latest report, so a newly failing check is news on its own. */
export function checkFailing(facts: ServerFacts): Finding[] {
  const report = facts.latestCheck;
  if (!report) return [];
  return report.results
    .filter((r) => r.status === 'FAILED' && !coveredChecks.has(r.name))
    .map((r) => ({
      rule: 'check_failing' as const,
      ...subjectOf(facts, { key: `check:${r.name}`, label: r.name }),
      summary: `Check "${r.name}" of ${facts.server.name} failed${r.hint ? `: ${r.hint}` : ''}.`,
      details: { check: r.name, hint: r.hint ?? null, checkedAt: report.checkedAt.toISOString() },
    }));
}

function failedRuns(facts: ServerFacts, kinds: readonly string[]): LatestRun[] {
  return facts.latestRuns.filter((r) => kinds.includes(r.kind) && r.status === 'failed');
}

function detailsOf(run: LatestRun): Record<string, unknown> {
  return { runId: run.id, kind: run.kind, finishedAt: run.finishedAt.toISOString(), error: run.error };
}

function oneLine(text: string | null): string {
  if (!text) return 'no reason recorded (see the run log).';
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 297)}…` : line;
}
