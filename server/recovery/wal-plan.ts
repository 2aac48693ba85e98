import { segmentOfLsn } from '../pg/wal-name';
import type { ArchiveFacts } from './archive-facts';
import { segmentName, type BackupReach, type ChainView } from './archive-reach';
import { measure, spansBetween } from './segment-spans';
import type { Stop } from './plan-target';

// The archived WAL a restore needs, as ranges of segment numbers per timeline (a restore in copy
// mode loads exactly those rows when it runs): from the backup's first segment to one past the
// stop, since the record that ends recovery may finish in the next segment.

export type WalPlan = {
  pieces: { timeline: number; from: bigint; to: bigint }[];
  /** The .partial read as the last segment of the chain's timeline, when the plan goes that far. */
  partial: string | null;
  first: string;
  last: string;
  segments: number;
  bytes: number;
};

export function walPlan(facts: ArchiveFacts, view: ChainView, reach: BackupReach, stop: Stop): WalPlan | null {
  const lastSeg = reach.lastSeg ?? stop.seg;
  const from = segmentOfLsn(reach.backup.beginLsn, facts.segmentSize);
  const to = stop.seg + 1n <= lastSeg ? stop.seg + 1n : stop.seg;
  const pieces: WalPlan['pieces'] = [];
  for (const span of spansBetween(view.spans, from, to)) {
    const piece = { timeline: span.timeline, from: span.from > from ? span.from : from, to: span.to < to ? span.to : to };
    const previous = pieces.at(-1);
    if (previous && previous.timeline === piece.timeline && previous.to + 1n === piece.from) previous.to = piece.to;
    else pieces.push(piece);
  }
  const first = pieces[0];
  const last = pieces.at(-1);
  if (!first || !last) return null;
  const { segments, bytes } = measure(view.spans, from, to);
  const partial = view.partial && view.partial.from <= to ? view.partial : undefined;
  const name = (segno: bigint) => (partial?.from === segno ? partial.name : segmentName(facts, view.chain, segno));
  return { pieces, partial: partial?.name ?? null, first: name(first.from), last: name(last.to), segments, bytes };
}
