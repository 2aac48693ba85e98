import type { PlanProblem, RecoveryTarget, WindowRangeView } from '../contracts/recovery';
import { formatLsn, parseLsn, type Lsn } from '../pg/lsn';
import { segmentOfEndLsn, segmentOfLsn } from '../pg/wal-name';
import { knownTimelines, type ArchiveFacts, type BackupFact, type SegmentFact } from './archive-facts';
import { reachFromBackup, segmentFor, type BackupReach } from './archive-reach';
import { chainFor, latestTimeline, rangeOf, timelineWindow } from './recoverable-window';
import type { TimelineStep } from './timeline-history';

// Target planning (issue 5, part 2): is the target reachable, from which backup, and where will
// recovery stop? Both bounds are checked (Barman checks only the lower one): a target before the
// backup's consistency point, past the end of the archive, behind a gap, or not in the WAL index
// is refused with what is reachable instead.

export type Stop = { seg: bigint; lsn: Lsn | null; time: Date | null; description: string };

export type TargetPlan = {
  ok: boolean;
  timeline: number | null;
  chain: TimelineStep[];
  reach: BackupReach | null;
  reason: string;
  stop: Stop | null;
  /** Archived segments recovery reads, from the backup's start to just past the stop. */
  wal: SegmentFact[];
  problems: PlanProblem[];
  reachable: string[];
  messages: string[];
};

type Verdict = { stop: Stop } | { problem: PlanProblem };

const fail = (code: PlanProblem['code'], message: string): Verdict => ({ problem: { code, message } });

export function planTarget(facts: ArchiveFacts, target: RecoveryTarget, explicit: BackupFact | null): TargetPlan {
  const requested = target.timeline;
  const candidates = explicit ? [explicit] : facts.backups.filter((b) => b.status === 'DONE');
  const empty = (problems: PlanProblem[], timeline: number | null): TargetPlan => ({
    ok: false, timeline, chain: [], reach: null, reason: '', stop: null, wal: [], problems, reachable: timeline === null ? [] : describeReachable(facts, timeline), messages: [],
  });
  if (candidates.length === 0) return empty([{ code: 'no_backup', message: `${facts.serverName} has no completed backup to restore from: take a backup first.` }], latestTimeline(facts));
  if (typeof requested === 'number' && !knownTimelines(facts).includes(requested))
    return empty([{ code: 'timeline', message: `Timeline ${requested} is not in the archive of ${facts.serverName}; known timelines: ${knownTimelines(facts).join(', ') || 'none'}.` }], null);

  let firstProblem: PlanProblem | null = null;
  let lastTimeline: number | null = null;
  for (const backup of candidates) {
    const timeline = requested === 'current' ? backup.timeline : requested === 'latest' ? (latestTimeline(facts) ?? backup.timeline) : requested;
    lastTimeline = timeline;
    const chain = chainFor(facts, timeline);
    const reach = reachFromBackup(facts, chain, backup);
    const verdict: Verdict = reach.usable ? evaluate(facts, chain, reach, target) : fail('backup_unusable', `Backup ${backup.backupId} cannot be used: ${reach.reason ?? ''}.`);
    if ('stop' in verdict) {
      const reason = explicit
        ? `Backup ${backup.backupId} was chosen by the request.`
        : `The newest completed backup whose end (${formatLsn(backup.endLsn)} at ${backup.endTime.toISOString()}, timeline ${backup.timeline}) precedes the target on timeline ${timeline}.`;
      return { ok: true, timeline, chain, reach, reason, stop: verdict.stop, wal: walToRead(facts, chain, reach, verdict.stop), problems: [], reachable: [], messages: messagesFor(backup, reach, target) };
    }
    // An older backup can still reach a target that lies before this one's end; nothing else improves with age.
    firstProblem ??= verdict.problem;
    if (verdict.problem.code !== 'before_backup' && verdict.problem.code !== 'backup_unusable') return empty([verdict.problem], timeline);
    if (verdict.problem.code === 'before_backup') firstProblem = verdict.problem;
  }
  const problem = firstProblem ?? { code: 'no_backup' as const, message: 'No backup can reach this target.' };
  if (!explicit && problem.code === 'before_backup') problem.message = `${problem.message} No older backup reaches it either.`;
  return empty([problem], lastTimeline);
}

function evaluate(facts: ArchiveFacts, chain: TimelineStep[], reach: BackupReach, target: RecoveryTarget): Verdict {
  const range = rangeOf(facts, reach);
  const b = reach.backup;
  const lastSeg = reach.lastSeg ?? reach.endSeg;
  const beyond = (what: string) =>
    reach.cut
      ? fail('gap', `${what} lies past a gap in the archive: ${reach.cut.name} is missing, so recovery from backup ${b.backupId} stops before it (at ${range.to.segment}).`)
      : fail('beyond_archive', `${what} is past the end of the archive on timeline ${chain.at(-1)?.timeline}: the last archived segment is ${range.to.segment}${range.latestTime ? `, its last transaction ended at ${range.latestTime}` : ''}.`);
  const t = target.target;
  switch (t.kind) {
    case 'latest':
      return { stop: { seg: lastSeg, lsn: null, time: null, description: `the end of the archive (${range.to.segment})` } };
    case 'immediate':
      return { stop: { seg: reach.endSeg, lsn: b.endLsn, time: b.endTime, description: `the consistency point of backup ${b.backupId} (${formatLsn(b.endLsn)})` } };
    case 'time': {
      const time = new Date(t.time);
      if (time < b.endTime) return fail('before_backup', `Target time ${t.time} is before backup ${b.backupId} ended (${b.endTime.toISOString()}); a backup can only recover to a time after its end.`);
      // Recovery stops at the first transaction that ends after the target (at or after, when exclusive).
      const stopper = reach.segments.find((s) => s.lastCommit && (target.inclusive ? s.lastCommit > time : s.lastCommit >= time));
      if (!stopper) return beyond(`Target time ${t.time}`);
      return { stop: { seg: stopper.segno, lsn: null, time, description: `the first transaction that ended after ${t.time} (in ${stopper.name})` } };
    }
    case 'xid': {
      const xid = BigInt(t.xid);
      const holds = (s: SegmentFact) => s.firstXid !== null && s.lastXid !== null && s.firstXid <= xid && xid <= s.lastXid;
      const found = reach.segments.find(holds);
      if (found) return { stop: { seg: found.segno, lsn: null, time: found.lastCommit, description: `the end of transaction ${t.xid} (in ${found.name})` } };
      const anywhere = [...chain].flatMap((step) => [...(facts.segments.get(step.timeline)?.values() ?? [])]).find((s) => holds(s) && segmentFor(facts, chain, s.segno) === s);
      if (anywhere && anywhere.segno <= reach.endSeg) return fail('before_backup', `Transaction ${t.xid} ended before backup ${b.backupId} was consistent (it is in ${anywhere.name}).`);
      if (anywhere) return beyond(`Transaction ${t.xid}`);
      return fail('not_found', `Transaction ${t.xid} is not in the WAL index of timeline ${chain.at(-1)?.timeline}${range.xids ? `: transactions that ended there run from xid ${range.xids.first} to ${range.xids.last}` : ''}.`);
    }
    case 'name': {
      const points = facts.restorePoints.filter((p) => p.name === t.name && chain.some((s) => s.timeline === p.timeline && p.lsn >= s.begin && (s.end === null || p.lsn <= s.end)));
      const usable = points.find((p) => p.lsn > b.endLsn && segmentOfEndLsn(p.lsn, facts.segmentSize) <= lastSeg);
      if (usable) return { stop: { seg: segmentOfEndLsn(usable.lsn, facts.segmentSize), lsn: usable.lsn, time: usable.time, description: `restore point "${t.name}" (${formatLsn(usable.lsn)}, ${usable.time.toISOString()})` } };
      if (points.some((p) => p.lsn <= b.endLsn)) return fail('before_backup', `Restore point "${t.name}" was created before backup ${b.backupId} was consistent.`);
      if (points.length > 0) return beyond(`Restore point "${t.name}"`);
      return fail('not_found', `There is no restore point named "${t.name}" on timeline ${chain.at(-1)?.timeline} in the WAL index.`);
    }
    case 'lsn': {
      const lsn = parseLsn(t.lsn);
      if (lsn < b.endLsn) return fail('before_backup', `Target LSN ${t.lsn} is before backup ${b.backupId} was consistent (${formatLsn(b.endLsn)}).`);
      if (lsn > parseLsn(range.latestLsn)) return beyond(`Target LSN ${t.lsn}`);
      return { stop: { seg: segmentOfLsn(lsn, facts.segmentSize), lsn, time: null, description: `LSN ${t.lsn}` } };
    }
  }
}

/** From the backup's first segment to one past the stop (the stopping record may end in the next). */
function walToRead(facts: ArchiveFacts, chain: TimelineStep[], reach: BackupReach, stop: Stop): SegmentFact[] {
  const wal: SegmentFact[] = [];
  const last = stop.seg + 1n <= (reach.lastSeg ?? stop.seg) ? stop.seg + 1n : stop.seg;
  for (let segno = segmentOfLsn(reach.backup.beginLsn, facts.segmentSize); segno <= last; segno++) {
    const found = segmentFor(facts, chain, segno);
    if (found) wal.push(found);
  }
  return wal;
}

function messagesFor(backup: BackupFact, reach: BackupReach, target: RecoveryTarget): string[] {
  const messages: string[] = [];
  if (backup.status === 'WAITING_FOR_WALS') messages.push(`Backup ${backup.backupId} is still WAITING_FOR_WALS.`);
  if (!reach.segments.every((s) => s.indexed)) messages.push('Some segments have not been read by the WAL index yet: time, xid and restore-point checks cover only the indexed ones.');
  if (!target.inclusive && !['time', 'xid', 'lsn'].includes(target.target.kind)) messages.push('"exclusive" applies to time, xid and LSN targets only; it is ignored here.');
  if (target.target.kind === 'latest' && target.action !== 'pause') messages.push('The target action applies to an explicit target only; replaying the whole archive ends in promotion.');
  return messages;
}

export function describeReachable(facts: ArchiveFacts, timeline: number): string[] {
  const window = timelineWindow(facts, timeline, 1);
  const lines = window.ranges.map((r: WindowRangeView) =>
    `Timeline ${timeline}, from backup ${r.backupId}: times from ${r.earliestTime} to before ${r.latestTime ?? r.earliestTime}, LSNs ${r.earliestLsn} to ${r.latestLsn}${r.xids ? `, xids ${r.xids.first} to ${r.xids.last}` : ''}.`,
  );
  const names = window.restorePoints.filter((p) => p.reachable).map((p) => `"${p.name}"`);
  if (names.length) lines.push(`Restore points reachable on timeline ${timeline}: ${names.join(', ')}.`);
  if (lines.length === 0) lines.push(`Nothing is reachable on timeline ${timeline}: no completed backup has the WAL it needs there.`);
  return lines;
}
