import { describe, expect, it } from 'vitest';
import { endingPartial, type PartialFact } from './partial-facts';
import { chainSpans, contiguousEnd, measure, spanIndexAt, type SegmentSpan } from './segment-spans';
import { timelineChain } from './timeline-history';

// Spans: blocks of 256 segments or single segments, read along a timeline chain.

const size = 16 * 1024 * 1024;
const span = (timeline: number, from: bigint, to = from): SegmentSpan => ({
  timeline, from, to, bytes: Number(to - from + 1n) * size, firstCommit: null, lastCommit: null, firstXid: null, lastXid: null, transactions: 0, unindexed: 0,
});

describe('segment spans', () => {
  // Timeline 1: a block 0–255, then 256, 257, a gap, 300. Timeline 2 branches inside segment 257.
  const one = [span(1, 0n, 255n), span(1, 256n), span(1, 257n), span(1, 300n)];
  const two = [span(2, 257n), span(2, 258n, 511n)];
  const spans = new Map([[1, one], [2, two]]);
  const chain = timelineChain(2, [{ parent: 1, switchLsn: 257n * BigInt(size) + 0x500n }]);

  it('reads each segment from the timeline recovery takes it from', () => {
    const onChain = chainSpans(spans, chain, size);
    expect(onChain.map((s) => `${s.timeline}:${s.from}-${s.to}`)).toEqual(['1:0-255', '1:256-256', '2:257-257', '2:258-511']);
    expect(chainSpans(spans, timelineChain(1, []), size)).toEqual(one);
  });

  it('finds spans, runs without a gap, and measures ranges', () => {
    const onChain = chainSpans(spans, chain, size);
    expect(spanIndexAt(onChain, 100n)).toBe(0);
    expect(spanIndexAt(onChain, 600n)).toBe(-1);
    expect(contiguousEnd(onChain, 10n)).toBe(511n);
    expect(contiguousEnd(one, 10n)).toBe(257n);
    expect(contiguousEnd(one, 258n)).toBe(257n);
    expect(measure(onChain, 250n, 259n)).toEqual({ segments: 10, bytes: 10 * size });
  });

  it('ends a timeline with its .partial only past its last segment', () => {
    const partial = (segno: bigint): PartialFact => ({ ...span(1, segno), name: `partial ${segno}` });
    const onOne = timelineChain(1, []);
    expect(endingPartial([partial(301n)], one, onOne, size)?.name).toBe('partial 301');
    expect(endingPartial([partial(257n)], one, onOne, size)).toBeUndefined();
    // On timeline 2's chain, timeline 1 is an ancestor: its segment comes from timeline 2.
    expect(endingPartial([partial(301n)], chainSpans(spans, chain, size), chain, size)).toBeUndefined();
  });
});
