import { segmentOfEndLsn, segmentOfLsn, walSegmentName } from '../pg/wal-name';
import { formatLsn } from '../pg/lsn';
import type { ArchiveFacts, BackupFact, SegmentFact } from './archive-facts';
import { onChain, timelineForSegment, type TimelineStep } from './timeline-history';

// How far the archive carries recovery from one backup along one timeline chain: segment after
// segment, each from the timeline recovery would read it from, until the first one missing.

export type BackupReach = {
  backup: BackupFact;
  usable: boolean;
  /** Why the backup cannot start recovery on this chain. */
  reason: string | null;
  /** The segment holding the backup's consistency point (its end). */
  endSeg: bigint;
  /** The last segment reachable without a gap; null when not even the backup's own WAL is there. */
  lastSeg: bigint | null;
  /** The archived segments recovery reads, from the backup's end segment to lastSeg, in order. */
  segments: SegmentFact[];
  /** The first segment missing, when segments of the chain exist past it (a gap, not the end). */
  cut: { timeline: number; segno: bigint; name: string } | null;
};

export function segmentFor(facts: ArchiveFacts, chain: readonly TimelineStep[], segno: bigint): SegmentFact | undefined {
  const timeline = timelineForSegment(chain, segno, facts.segmentSize);
  return timeline === undefined ? undefined : facts.segments.get(timeline)?.get(segno);
}

/** The highest segment number archived on any timeline of the chain (where recovery could go at most). */
export function lastSegmentOnChain(facts: ArchiveFacts, chain: readonly TimelineStep[]): bigint | null {
  let last: bigint | null = null;
  for (const step of chain) {
    for (const segno of facts.segments.get(step.timeline)?.keys() ?? []) {
      if (timelineForSegment(chain, segno, facts.segmentSize) !== step.timeline) continue;
      if (last === null || segno > last) last = segno;
    }
  }
  return last;
}

export function reachFromBackup(facts: ArchiveFacts, chain: readonly TimelineStep[], backup: BackupFact): BackupReach {
  const size = facts.segmentSize;
  const beginSeg = segmentOfLsn(backup.beginLsn, size);
  const endSeg = segmentOfEndLsn(backup.endLsn, size);
  const base = { backup, endSeg, segments: [] as SegmentFact[], cut: null, lastSeg: null };
  if (!onChain(chain, backup.timeline, backup.endLsn)) {
    const target = chain.at(-1)?.timeline;
    return { ...base, usable: false, reason: `backup ${backup.backupId} (timeline ${backup.timeline}, ended at ${formatLsn(backup.endLsn)}) is not an ancestor of timeline ${target}` };
  }
  const horizon = lastSegmentOnChain(facts, chain);
  const segments: SegmentFact[] = [];
  let segno = beginSeg;
  for (; ; segno++) {
    const found = segmentFor(facts, chain, segno);
    // A standalone backup carries the WAL up to its end inside itself.
    if (!found && backup.standalone && segno <= endSeg) continue;
    if (!found) break;
    if (segno >= endSeg) segments.push(found);
  }
  const lastSeg = segno - 1n;
  const missingTimeline = timelineForSegment(chain, segno, size) ?? backup.timeline;
  const cut = horizon !== null && horizon > segno ? { timeline: missingTimeline, segno, name: walSegmentName({ timeline: missingTimeline, segno }, size) } : null;
  if (lastSeg < endSeg) {
    const missing = walSegmentName({ timeline: missingTimeline, segno }, size);
    return { ...base, cut, usable: false, reason: `the archive lacks ${missing}, which backup ${backup.backupId} needs to become consistent` };
  }
  return { ...base, usable: true, reason: null, lastSeg, segments, cut };
}

/** Runs of segments missing on the chain between `from` and the last archived one. */
export function gapsOnChain(facts: ArchiveFacts, chain: readonly TimelineStep[], from: bigint): { from: string; to: string; missing: number }[] {
  const horizon = lastSegmentOnChain(facts, chain);
  const gaps: { from: string; to: string; missing: number }[] = [];
  if (horizon === null) return gaps;
  const name = (segno: bigint) => walSegmentName({ timeline: timelineForSegment(chain, segno, facts.segmentSize) ?? 1, segno }, facts.segmentSize);
  let start: bigint | null = null;
  for (let segno = from; segno <= horizon; segno++) {
    const present = segmentFor(facts, chain, segno) !== undefined;
    if (!present && start === null) start = segno;
    if (present && start !== null) {
      gaps.push({ from: name(start), to: name(segno - 1n), missing: Number(segno - start) });
      start = null;
    }
  }
  return gaps;
}
