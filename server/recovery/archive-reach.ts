import { formatLsn } from '../pg/lsn';
import { segmentOfEndLsn, segmentOfLsn, walSegmentName } from '../pg/wal-name';
import type { ArchiveFacts, BackupFact } from './archive-facts';
import { endingPartial, type PartialFact } from './partial-facts';
import { chainSpans, contiguousEnd, spanIndexAt, spansBetween, type SegmentSpan } from './segment-spans';
import { onChain, timelineForSegment, type TimelineStep } from './timeline-history';

// How far the archive carries recovery from one backup along one timeline chain: the run of
// segments without a gap from the backup's start, each from the timeline recovery reads it
// from (see segment-spans.ts), until the first one missing.

export type BackupReach = {
  backup: BackupFact;
  usable: boolean;
  /** Why the backup cannot start recovery on this chain. */
  reason: string | null;
  /** The segment holding the backup's consistency point (its end). */
  endSeg: bigint;
  /** The last segment reachable without a gap; null when not even the backup's own WAL is there. */
  lastSeg: bigint | null;
  /** The archived spans recovery reads from the backup's end segment to lastSeg, in order. */
  spans: SegmentSpan[];
  /** The first segment missing, when segments of the chain exist past it (a gap, not the end). */
  cut: { timeline: number; segno: bigint; name: string } | null;
};

/** The spans of a chain, computed once per chain and timeline window; `partial` ends it when set. */
export type ChainView = { chain: TimelineStep[]; spans: SegmentSpan[]; partial: PartialFact | undefined };

export function chainView(facts: ArchiveFacts, chain: TimelineStep[]): ChainView {
  const spans = chainSpans(facts.spans, chain, facts.segmentSize);
  const partial = endingPartial(facts.partials, spans, chain, facts.segmentSize);
  return { chain, spans: partial ? [...spans, partial] : spans, partial };
}

/** The highest segment number archived on the chain (where recovery could go at most). */
export function lastSegmentOnChain(view: ChainView): bigint | null {
  return view.spans.at(-1)?.to ?? null;
}

export function segmentName(facts: ArchiveFacts, chain: readonly TimelineStep[], segno: bigint): string {
  return walSegmentName({ timeline: timelineForSegment(chain, segno, facts.segmentSize) ?? 1, segno }, facts.segmentSize);
}

/** The archived span holding `segno` on the chain, if any. */
export function spanAt(view: ChainView, segno: bigint): SegmentSpan | undefined {
  return view.spans[spanIndexAt(view.spans, segno)];
}

export function reachFromBackup(facts: ArchiveFacts, view: ChainView, backup: BackupFact): BackupReach {
  const size = facts.segmentSize;
  const beginSeg = segmentOfLsn(backup.beginLsn, size);
  const endSeg = segmentOfEndLsn(backup.endLsn, size);
  const base = { backup, endSeg, spans: [] as SegmentSpan[], cut: null, lastSeg: null };
  if (!onChain(view.chain, backup.timeline, backup.endLsn)) {
    const target = view.chain.at(-1)?.timeline;
    return { ...base, usable: false, reason: `backup ${backup.backupId} (timeline ${backup.timeline}, ended at ${formatLsn(backup.endLsn)}) is not an ancestor of timeline ${target}` };
  }
  // A standalone backup carries the WAL up to its end inside itself.
  const lastSeg = backup.standalone ? (spanAt(view, endSeg + 1n) ? contiguousEnd(view.spans, endSeg + 1n) : endSeg) : contiguousEnd(view.spans, beginSeg);
  const missing = lastSeg + 1n;
  const horizon = lastSegmentOnChain(view);
  const missingName = segmentName(facts, view.chain, missing);
  const cut = horizon !== null && horizon > missing ? { timeline: timelineForSegment(view.chain, missing, size) ?? backup.timeline, segno: missing, name: missingName } : null;
  if (lastSeg < endSeg) return { ...base, cut, usable: false, reason: `the archive lacks ${missingName}, which backup ${backup.backupId} needs to become consistent` };
  return { ...base, usable: true, reason: null, lastSeg, spans: spansBetween(view.spans, endSeg, lastSeg), cut };
}

/** Runs of segments missing on the chain between `from` and the last archived one. */
export function gapsOnChain(facts: ArchiveFacts, view: ChainView, from: bigint): { from: string; to: string; missing: number }[] {
  const gaps: { from: string; to: string; missing: number }[] = [];
  let expected = from;
  for (const span of view.spans) {
    if (span.to < from) continue;
    if (span.from > expected) gaps.push({ from: segmentName(facts, view.chain, expected), to: segmentName(facts, view.chain, span.from - 1n), missing: Number(span.from - expected) });
    if (span.to + 1n > expected) expected = span.to + 1n;
  }
  return gaps;
}
