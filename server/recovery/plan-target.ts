import type { PlanProblem, RecoveryTarget, WindowRangeView } from '../contracts/recovery';
import { formatLsn, parseLsn, type Lsn } from '../pg/lsn';
import { segmentOfEndLsn, segmentOfLsn } from '../pg/wal-name';
import { knownTimelines, type ArchiveFacts, type BackupFact } from './archive-facts';
import { chainView, reachFromBackup, segmentName, type BackupReach, type ChainView } from './archive-reach';
import { chainFor, latestTimeline, rangeOf, timelineWindow } from './recoverable-window';
import { isSingle, type SegmentSpan } from './segment-spans';
import { onChain, timelineForSegment, type TimelineStep } from './timeline-history';
import { walPlan, type WalPlan } from './wal-plan';

// Target planning (issue 5, part 2): is the target reachable, from which backup, and where will
// recovery stop? Both bounds are checked (Barman checks only the lower one): a target before the
// backup's consistency point, past the end of the archive, behind a gap, or not in the archived
// WAL is refused with what is reachable instead. Pure over ArchiveFacts; when it needs more
// detail (the segments of a block, the WAL records of an xid) it says so and is asked again.

export type Stop = { seg: bigint; lsn: Lsn | null; time: Date | null; description: string };

export type TargetPlan = {
  ok: boolean;
  timeline: number | null;
  chain: TimelineStep[];
  reach: BackupReach | null;
  reason: string;
  stop: Stop | null;
  /** The archived WAL recovery reads, from the backup's start to just past the stop. */
  wal: WalPlan | null;
  problems: PlanProblem[];
  reachable: string[];
  messages: string[];
};

/** What the planner must see before it can answer exactly. */
export type PlanNeeds = { expand: SegmentSpan[] } | { xidEnds: { xid: bigint; candidates: SegmentSpan[] } };

type Verdict = { stop: Stop } | { problem: PlanProblem } | { needs: PlanNeeds };

const fail = (code: PlanProblem['code'], message: string): Verdict => ({ problem: { code, message } });

export function planTarget(facts: ArchiveFacts, target: RecoveryTarget, explicit: BackupFact | null): TargetPlan | { needs: PlanNeeds } {
  const requested = target.timeline;
  const candidates = explicit ? [explicit] : facts.backups.filter((b) => b.status === 'DONE');
  const empty = (problems: PlanProblem[], timeline: number | null): TargetPlan => ({
    ok: false, timeline, chain: [], reach: null, reason: '', stop: null, wal: null, problems, reachable: timeline === null ? [] : describeReachable(facts, timeline), messages: [],
  });
  if (candidates.length === 0) return empty([{ code: 'no_backup', message: `${facts.serverName} has no completed backup to restore from: take a backup first.` }], latestTimeline(facts));
  if (typeof requested === 'number' && !knownTimelines(facts).includes(requested))
    return empty([{ code: 'timeline', message: `Timeline ${requested} is not in the archive of ${facts.serverName}; known timelines: ${knownTimelines(facts).join(', ') || 'none'}.` }], null);

  let firstProblem: PlanProblem | null = null;
  let lastTimeline: number | null = null;
  for (const backup of candidates) {
    const timeline = requested === 'current' ? backup.timeline : requested === 'latest' ? (latestTimeline(facts) ?? backup.timeline) : requested;
    lastTimeline = timeline;
    const view = chainView(facts, chainFor(facts, timeline));
    const reach = reachFromBackup(facts, view, backup);
    const verdict: Verdict = reach.usable ? evaluate(facts, view, reach, target) : fail('backup_unusable', `Backup ${backup.backupId} cannot be used: ${reach.reason ?? ''}.`);
    if ('needs' in verdict) return verdict;
    if ('stop' in verdict) {
      const reason = explicit
        ? `Backup ${backup.backupId} was chosen by the request.`
        : `The newest completed backup whose end (${formatLsn(backup.endLsn)} at ${backup.endTime.toISOString()}, timeline ${backup.timeline}) precedes the target on timeline ${timeline}.`;
      const wal = walPlan(facts, view, reach, verdict.stop);
      const messages = messagesFor(backup, reach, target);
      if (wal?.partial) messages.push(`Timeline ${timeline} ends in ${wal.partial}, the unfinished segment archived when a standby was promoted: recovery reads it in place of its segment, and its WAL ends where the timeline did.`);
      return { ok: true, timeline, chain: view.chain, reach, reason, stop: verdict.stop, wal, problems: [], reachable: [], messages };
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

function evaluate(facts: ArchiveFacts, view: ChainView, reach: BackupReach, target: RecoveryTarget): Verdict {
  const range = rangeOf(facts, reach);
  const b = reach.backup;
  const chain = view.chain;
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
      const stopper = reach.spans.find((s) => s.lastCommit && (target.inclusive ? s.lastCommit > time : s.lastCommit >= time));
      if (!stopper) return beyond(`Target time ${t.time}`);
      if (!isSingle(stopper)) return { needs: { expand: [stopper] } };
      return { stop: { seg: stopper.from, lsn: null, time, description: `the first transaction that ended after ${t.time} (in ${segmentName(facts, chain, stopper.from)})` } };
    }
    case 'xid':
      return evaluateXid(facts, view, reach, BigInt(t.xid), t.xid, beyond, range);
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

/**
 * An xid target stops at its commit or abort record, which must be in the archive: the segments
 * whose indexed xid range holds it are read (find-xid-ends.ts), and only a record found there,
 * on this chain, makes the target reachable; its LSN and time are the stop.
 */
function evaluateXid(facts: ArchiveFacts, view: ChainView, reach: BackupReach, requested: bigint, text: string, beyond: (what: string) => Verdict, range: WindowRangeView): Verdict {
  // recovery_target_xid is compared with the 32-bit xid of each commit or abort record.
  const xid = BigInt.asUintN(32, requested);
  const covering = [...facts.spans.values()].flat().filter((s) => s.firstXid !== null && s.lastXid !== null && s.firstXid <= xid && xid <= s.lastXid);
  const blocks = covering.filter((s) => !isSingle(s));
  if (blocks.length > 0) return { needs: { expand: blocks } };
  if (facts.xidEnds?.xid !== xid) return { needs: { xidEnds: { xid, candidates: covering } } };
  const chain = view.chain;
  const b = reach.backup;
  const end = facts.xidEnds.ends.find((e) => onChain(chain, e.timeline, e.lsn) && timelineForSegment(chain, e.segno, facts.segmentSize) === e.timeline);
  const timeline = chain.at(-1)?.timeline;
  if (!end) {
    const read = covering.length ? ` (the ${covering.length} segment${covering.length === 1 ? ' whose xid range holds it was' : 's whose xid range holds it were'} read)` : '';
    return fail('not_found', `Transaction ${text} did not commit or abort in the WAL archived on timeline ${timeline}${read}: it may still have been running, be a subtransaction, or never have been assigned${range.xids ? `. Transactions that ended there run from xid ${range.xids.first} to ${range.xids.last}` : ''}.`);
  }
  const what = end.kind.startsWith('commit') ? 'committed' : 'aborted';
  if (end.lsn < b.endLsn) return fail('before_backup', `Transaction ${text} ${what} at ${end.time.toISOString()} (${formatLsn(end.lsn)}), before backup ${b.backupId} was consistent (${formatLsn(b.endLsn)}).`);
  if (end.segno > (reach.lastSeg ?? reach.endSeg)) return beyond(`Transaction ${text}, which ${what} at ${end.time.toISOString()},`);
  return { stop: { seg: end.segno, lsn: end.lsn, time: end.time, description: `the ${end.kind.replace('-', ' ')} record of transaction ${text} (${what} at ${end.time.toISOString()}, ${formatLsn(end.lsn)}, in ${segmentName(facts, chain, end.segno)})` } };
}

function messagesFor(backup: BackupFact, reach: BackupReach, target: RecoveryTarget): string[] {
  const messages: string[] = [];
  if (backup.status === 'WAITING_FOR_WALS') messages.push(`Backup ${backup.backupId} is still WAITING_FOR_WALS.`);
  if (!reach.spans.every((s) => s.unindexed === 0)) messages.push('Some segments have not been read by the WAL index yet: time, xid and restore-point checks cover only the indexed ones.');
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
