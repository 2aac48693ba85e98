import type { RetentionStatus } from '../contracts/retention';
import { effectivePolicy, pointOfRecoverability, type RetentionPolicy } from './policy';

// Barman's retention report (retention_policies.py), pure: which backups a policy keeps and
// which it lets go, each with the reason in words a DBA can check by hand.
//  - Only DONE backups are scored; every other status gets "-". Cellar has no incremental
//    backups, so every DONE backup is a full one.
//  - REDUNDANCY n (raised to minimum_redundancy): newest first, the first n DONE backups are
//    VALID and the rest OBSOLETE; a kept backup shows KEEP:* and still uses up one of the n.
//  - RECOVERY WINDOW: newest first, backups are VALID down to and including the first one that
//    ended before the point of recoverability (it is the base needed to reach that point).
//    Every older one is OBSOLETE, or OBSOLETE* while fewer than minimum_redundancy backups were
//    counted so far; kept backups keep their KEEP:* status and are counted too.

export type ScoredBackup = {
  backupId: string;
  status: string;
  /** When the backup ended; DONE backups always have one. */
  endTime: Date | null;
  keep: string | null;
};

export type RetentionVerdict = { status: RetentionStatus; reason: string };

export type RetentionReport = {
  policy: RetentionPolicy;
  /** REDUNDANCY raised to minimum_redundancy (Barman warns when it does). */
  raisedTo: number | null;
  /** For a recovery window: now minus the window. */
  pointOfRecoverability: Date | null;
  verdicts: Map<string, RetentionVerdict>;
};

export function keepStatus(keep: string | null): RetentionStatus | null {
  if (keep === null) return null;
  // Any other target is treated as full, as Barman does, for safety.
  return keep === 'standalone' ? 'KEEP:STANDALONE' : 'KEEP:FULL';
}

const keptReason = (status: RetentionStatus) =>
  status === 'KEEP:STANDALONE'
    ? 'kept (standalone): never deleted by retention; only the WAL it needs for consistency is kept with it'
    : 'kept (full): never deleted by retention, nor the WAL after it';

/** Backups newest first, the order Barman walks them in (backup ids sort by start time). */
function newestFirst<T extends ScoredBackup>(backups: readonly T[]): T[] {
  return [...backups].sort((a, b) => (a.backupId < b.backupId ? 1 : a.backupId > b.backupId ? -1 : 0));
}

export function retentionReport(
  backups: readonly ScoredBackup[],
  policy: RetentionPolicy,
  minimumRedundancy: number,
  now: Date,
): RetentionReport {
  if (policy.kind === 'redundancy') {
    const effective = effectivePolicy(policy, minimumRedundancy);
    const n = effective.policy.kind === 'redundancy' ? effective.policy.count : policy.count;
    return { policy, raisedTo: effective.raised ? n : null, pointOfRecoverability: null, verdicts: redundancyVerdicts(backups, n) };
  }
  const por = pointOfRecoverability(policy, now);
  return { policy, raisedTo: null, pointOfRecoverability: por, verdicts: windowVerdicts(backups, por, minimumRedundancy) };
}

function notScored(status: string): RetentionVerdict {
  return { status: '-', reason: `${status}: only DONE backups are scored by a retention policy` };
}

function redundancyVerdicts(backups: readonly ScoredBackup[], n: number): Map<string, RetentionVerdict> {
  const verdicts = new Map<string, RetentionVerdict>();
  let position = 0;
  for (const b of newestFirst(backups)) {
    if (b.status !== 'DONE') {
      verdicts.set(b.backupId, notScored(b.status));
      continue;
    }
    position++;
    const kept = keepStatus(b.keep);
    if (kept) verdicts.set(b.backupId, { status: kept, reason: keptReason(kept) });
    else if (position <= n) verdicts.set(b.backupId, { status: 'VALID', reason: `DONE backup ${position} of the ${n} newest the policy keeps` });
    else verdicts.set(b.backupId, { status: 'OBSOLETE', reason: `older than the ${n} newest DONE backups (backup ${position})` });
  }
  return verdicts;
}

function windowVerdicts(backups: readonly ScoredBackup[], por: Date, minimumRedundancy: number): Map<string, RetentionVerdict> {
  const verdicts = new Map<string, RetentionVerdict>();
  const porText = por.toISOString();
  let outside = false;
  let counted = 0;
  for (const b of newestFirst(backups)) {
    if (b.status !== 'DONE') {
      verdicts.set(b.backupId, notScored(b.status));
      continue;
    }
    const kept = keepStatus(b.keep);
    if (!outside) {
      counted++;
      const endedBefore = b.endTime !== null && b.endTime.getTime() < por.getTime();
      const reason = endedBefore
        ? `the newest backup that ended before the point of recoverability ${porText}: the base needed to recover to it`
        : `ended after the point of recoverability ${porText} (inside the window)`;
      verdicts.set(b.backupId, kept ? { status: kept, reason: `${keptReason(kept)}; ${reason}` } : { status: 'VALID', reason });
      if (endedBefore) outside = true;
      continue;
    }
    if (counted < minimumRedundancy) {
      counted++;
      verdicts.set(
        b.backupId,
        kept
          ? { status: kept, reason: keptReason(kept) }
          : { status: 'OBSOLETE*', reason: `outside the window, but kept for minimum_redundancy ${minimumRedundancy} (backup ${counted} of ${minimumRedundancy})` },
      );
      continue;
    }
    verdicts.set(
      b.backupId,
      kept ? { status: kept, reason: keptReason(kept) } : { status: 'OBSOLETE', reason: `older than the base backup of the window (point of recoverability ${porText})` },
    );
  }
  return verdicts;
}

/** The backups retention deletes: OBSOLETE ones only, oldest first (Barman's cron). */
export function obsoleteOldestFirst(report: RetentionReport): string[] {
  return [...report.verdicts.entries()]
    .filter(([, v]) => v.status === 'OBSOLETE')
    .map(([id]) => id)
    .sort();
}
