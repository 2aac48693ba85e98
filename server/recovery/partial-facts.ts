import type { Ctx } from '../context';
import { segmentOfLsn } from '../pg/wal-name';
import { spanOfRow, type SegmentSpan } from './segment-spans';
import type { TimelineStep } from './timeline-history';

// <segment>.partial files in the archive: PostgreSQL archives the last segment of a timeline
// under that name when a standby is promoted (the new timeline's copy of it is complete). They
// are not segments of the archive, but recovery that stays on the old timeline can read its
// last WAL from one, as from a segment whose valid WAL ends early (Barman's get-wal --partial).

export type PartialFact = SegmentSpan & { name: string };

export async function loadPartials(ctx: Ctx, serverId: string): Promise<PartialFact[]> {
  const rows = await ctx.db.walSegment.findMany({ where: { serverId, kind: 'partial' }, orderBy: [{ timeline: 'asc' }, { segno: 'asc' }] });
  return rows.map((r) => ({ ...spanOfRow(r), name: r.name }));
}

/**
 * The .partial that ends the chain's last timeline, if recovery should read it: only when that
 * timeline has no segment at or after it (a full copy, when there is one, is always preferred).
 */
export function endingPartial(partials: readonly PartialFact[], spans: readonly SegmentSpan[], chain: readonly TimelineStep[], segmentSize: number): PartialFact | undefined {
  const last = chain.at(-1);
  if (!last) return undefined;
  const begins = segmentOfLsn(last.begin, segmentSize);
  const after = spans.filter((s) => s.timeline === last.timeline).at(-1)?.to ?? begins - 1n;
  return partials.filter((p) => p.timeline === last.timeline && p.from > after && p.from >= begins).at(0);
}
