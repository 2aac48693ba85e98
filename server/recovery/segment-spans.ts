import type { WalSegment } from '../db/generated/client';
import { segmentOfLsn } from '../pg/wal-name';
import type { TimelineStep } from './timeline-history';

// What the planner knows of the archived segments, at the precision it needs: a span is a run
// of consecutive segments of one timeline, either one segment or a whole block of 256 (see
// wal_segment_blocks), with the aggregates of the WAL index over it. Half a million segments
// are then a few thousand spans; the blocks where exactness matters (a backup's start and end,
// a timeline switch, a gap, a time or xid target) are loaded segment by segment.

/** Segments per block; the migration's triggers group by segno >> 8. */
export const BLOCK_SEGMENTS = 256n;

export type SegmentSpan = {
  timeline: number;
  /** First and last segment number, inclusive; every segment between is archived. */
  from: bigint;
  to: bigint;
  bytes: number;
  firstCommit: Date | null;
  lastCommit: Date | null;
  firstXid: bigint | null;
  lastXid: bigint | null;
  /** Commits and aborts. */
  transactions: number;
  /** Segments the WAL index has not read yet. */
  unindexed: number;
};

/** The columns of a wal_segments row a span is made from. */
export type SegmentRow = Pick<WalSegment, 'timeline' | 'segno' | 'size' | 'firstCommit' | 'lastCommit' | 'firstXid' | 'lastXid' | 'commits' | 'aborts' | 'indexedAt'>;

/** One archived file (a segment, or a .partial) as a span of its own. */
export function spanOfRow(r: SegmentRow): SegmentSpan {
  return {
    timeline: r.timeline,
    from: r.segno,
    to: r.segno,
    bytes: Number(r.size),
    firstCommit: r.firstCommit,
    lastCommit: r.lastCommit,
    firstXid: r.firstXid,
    lastXid: r.lastXid,
    transactions: (r.commits ?? 0) + (r.aborts ?? 0),
    unindexed: r.indexedAt ? 0 : 1,
  };
}

export const blockOf = (segno: bigint): bigint => segno / BLOCK_SEGMENTS;
export const spanSegments = (span: SegmentSpan): number => Number(span.to - span.from + 1n);
export const isSingle = (span: SegmentSpan): boolean => span.from === span.to;

/**
 * The spans recovery reads along `chain`, in segment order: for each timeline, those between
 * the segment where it begins and the one where the next begins (PostgreSQL reads the segment
 * holding a switch point from the new timeline). Blocks crossing such a bound are loaded segment
 * by segment (archive-facts.ts), so no span is cut here.
 */
export function chainSpans(spans: ReadonlyMap<number, readonly SegmentSpan[]>, chain: readonly TimelineStep[], segmentSize: number): SegmentSpan[] {
  const out: SegmentSpan[] = [];
  chain.forEach((step, i) => {
    const from = segmentOfLsn(step.begin, segmentSize);
    const next = chain[i + 1];
    const until = next ? segmentOfLsn(next.begin, segmentSize) - 1n : null;
    for (const span of spans.get(step.timeline) ?? []) {
      if (span.to < from || (until !== null && span.from > until)) continue;
      out.push(span);
    }
  });
  return out;
}

/** Index of the span holding `segno` in spans sorted by segment, or -1. */
export function spanIndexAt(spans: readonly SegmentSpan[], segno: bigint): number {
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const span = spans[mid] as SegmentSpan;
    if (segno < span.from) high = mid - 1;
    else if (segno > span.to) low = mid + 1;
    else return mid;
  }
  return -1;
}

/** The last segment of the run without a gap that holds `segno`; `segno - 1` when it is missing. */
export function contiguousEnd(spans: readonly SegmentSpan[], segno: bigint): bigint {
  let i = spanIndexAt(spans, segno);
  if (i < 0) return segno - 1n;
  let end = (spans[i] as SegmentSpan).to;
  for (i++; i < spans.length && (spans[i] as SegmentSpan).from === end + 1n; i++) end = (spans[i] as SegmentSpan).to;
  return end;
}

/** The spans overlapping [from, to], in order. */
export function spansBetween(spans: readonly SegmentSpan[], from: bigint, to: bigint): SegmentSpan[] {
  return spans.filter((s) => s.to >= from && s.from <= to);
}

/** Segments and bytes of [from, to] in `spans` (a block partly inside counts its share). */
export function measure(spans: readonly SegmentSpan[], from: bigint, to: bigint): { segments: number; bytes: number } {
  let segments = 0;
  let bytes = 0;
  for (const s of spansBetween(spans, from, to)) {
    const inside = Number((s.to < to ? s.to : to) - (s.from > from ? s.from : from) + 1n);
    segments += inside;
    bytes += Math.round((s.bytes / spanSegments(s)) * inside);
  }
  return { segments, bytes };
}
