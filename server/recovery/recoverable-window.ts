import type { TimelineWindowView, WindowRangeView } from '../contracts/recovery';
import { formatLsn } from '../pg/lsn';
import { segmentOfEndLsn, segmentOfLsn, segmentStartLsn, walSegmentName } from '../pg/wal-name';
import { historyOf, knownTimelines, type ArchiveFacts } from './archive-facts';
import { chainView, gapsOnChain, reachFromBackup, type BackupReach } from './archive-reach';
import type { SegmentSpan } from './segment-spans';
import { timelineChain, type TimelineStep } from './timeline-history';

// The recoverable window of one timeline (issue 5, part 1): from the consistency point of the
// earliest usable backup to the last WAL the archive holds without a gap, as ranges (a gap
// splits the window; a later backup may start a new range), with the restore points, the
// backups and the commit-time activity of the WAL index.

export function chainFor(facts: ArchiveFacts, timeline: number): TimelineStep[] {
  return timelineChain(timeline, historyOf(facts, timeline));
}

export function latestTimeline(facts: ArchiveFacts): number | null {
  return knownTimelines(facts).at(-1) ?? null;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);
const segName = (facts: ArchiveFacts, timeline: number, segno: bigint) => walSegmentName({ timeline, segno }, facts.segmentSize);

/** The bounds of what recovery from one backup can reach (the unit the planner checks targets against). */
export function rangeOf(facts: ArchiveFacts, reach: BackupReach): WindowRangeView {
  const { backup, spans } = reach;
  const last = spans.at(-1);
  const lastSeg = reach.lastSeg ?? reach.endSeg;
  let latest: Date | null = null;
  let firstXid: bigint | null = null;
  let lastXid: bigint | null = null;
  for (const s of spans) {
    if (s.lastCommit && (!latest || s.lastCommit > latest)) latest = s.lastCommit;
    if (s.firstXid !== null && (firstXid === null || s.firstXid < firstXid)) firstXid = s.firstXid;
    if (s.lastXid !== null && (lastXid === null || s.lastXid > lastXid)) lastXid = s.lastXid;
  }
  // A record that starts at or after an LSN target must be in the archive: anything before the
  // start of the last archived segment is certain to be followed by one.
  const lastStart = segmentStartLsn(lastSeg, facts.segmentSize);
  const latestLsn = lastStart > backup.endLsn ? lastStart : backup.endLsn;
  return {
    backupId: backup.backupId,
    from: { lsn: formatLsn(backup.endLsn), time: backup.endTime.toISOString(), segment: segName(facts, backup.timeline, segmentOfLsn(backup.endLsn, facts.segmentSize)) },
    to: { lsn: formatLsn(segmentStartLsn(lastSeg + 1n, facts.segmentSize)), time: iso(last?.lastCommit ?? null), segment: segName(facts, last?.timeline ?? backup.timeline, lastSeg), lastTransactionTime: iso(latest) },
    earliestTime: backup.endTime.toISOString(),
    latestTime: iso(latest),
    earliestLsn: formatLsn(backup.endLsn),
    latestLsn: formatLsn(latestLsn),
    xids: firstXid !== null && lastXid !== null ? { first: String(firstXid), last: String(lastXid) } : null,
    indexed: spans.every((s) => s.unindexed === 0),
  };
}

export function timelineWindow(facts: ArchiveFacts, timeline: number, buckets = 48): TimelineWindowView {
  const chain = chainFor(facts, timeline);
  const view = chainView(facts, chain);
  const reaches = facts.backups.map((b) => reachFromBackup(facts, view, b));
  const usable = reaches.filter((r) => r.usable).sort((a, b) => (a.backup.endLsn < b.backup.endLsn ? -1 : 1));
  const ranges = mergeRanges(facts, usable);
  const reachable = (lsn: bigint) => usable.some((r) => lsn > r.backup.endLsn && r.lastSeg !== null && segmentOfEndLsn(lsn, facts.segmentSize) <= r.lastSeg);
  const first = usable[0];
  const onTheChain = facts.restorePoints.filter((p) => chain.some((s) => s.timeline === p.timeline && p.lsn >= s.begin && (s.end === null || p.lsn <= s.end)));
  return {
    timeline,
    history: chain.map((s) => ({ timeline: s.timeline, switchLsn: s.end === null ? null : formatLsn(s.end) })),
    ranges,
    gaps: first ? gapsOnChain(facts, view, segmentOfLsn(first.backup.beginLsn, facts.segmentSize)) : [],
    restorePoints: onTheChain.map((p) => ({ name: p.name, lsn: formatLsn(p.lsn), time: p.time.toISOString(), segment: p.segment, reachable: reachable(p.lsn) })),
    backups: reaches.map((r) => ({
      backupId: r.backup.backupId,
      name: r.backup.name,
      endLsn: formatLsn(r.backup.endLsn),
      endTime: r.backup.endTime.toISOString(),
      timeline: r.backup.timeline,
      usable: r.usable,
      reason: r.reason,
    })),
    activity: activity(uniqueSpans(usable), buckets),
  };
}

/** Ranges of overlapping reach merged; each keeps the earliest backup it starts from. */
function mergeRanges(facts: ArchiveFacts, usable: BackupReach[]): WindowRangeView[] {
  const merged: { start: BackupReach; lastSeg: bigint; spans: SegmentSpan[] }[] = [];
  for (const reach of usable) {
    const current = merged.at(-1);
    if (current && reach.endSeg <= current.lastSeg) {
      if ((reach.lastSeg ?? 0n) > current.lastSeg) {
        current.spans.push(...reach.spans.filter((s) => s.from > current.lastSeg));
        current.lastSeg = reach.lastSeg ?? current.lastSeg;
      }
      continue;
    }
    merged.push({ start: reach, lastSeg: reach.lastSeg ?? reach.endSeg, spans: [...reach.spans] });
  }
  return merged.map((m) => rangeOf(facts, { ...m.start, lastSeg: m.lastSeg, spans: m.spans }));
}

function uniqueSpans(reaches: BackupReach[]): SegmentSpan[] {
  const seen = new Map<string, SegmentSpan>();
  for (const r of reaches) for (const s of r.spans) seen.set(`${s.timeline}/${s.from}`, s);
  return [...seen.values()];
}

/** Transactions per time bucket: each span's count goes to the bucket of its last transaction. */
export function activity(spans: readonly SegmentSpan[], buckets: number): TimelineWindowView['activity'] {
  const timed = spans.filter((s) => s.firstCommit && s.lastCommit && s.transactions > 0);
  if (timed.length === 0) return [];
  let start = Infinity;
  let end = -Infinity;
  for (const s of timed) {
    start = Math.min(start, (s.firstCommit as Date).getTime());
    end = Math.max(end, (s.lastCommit as Date).getTime() + 1);
  }
  const width = Math.max(1, Math.ceil((end - start) / buckets));
  const counts = new Array<number>(Math.ceil((end - start) / width)).fill(0);
  for (const s of timed) {
    const i = Math.min(counts.length - 1, Math.floor(((s.lastCommit as Date).getTime() - start) / width));
    counts[i] = (counts[i] ?? 0) + s.transactions;
  }
  return counts.map((transactions, i) => ({ from: new Date(start + i * width).toISOString(), to: new Date(start + (i + 1) * width).toISOString(), transactions }));
}
