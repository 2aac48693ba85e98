import type { Db } from '../db/client';
import { walSegmentName } from '../pg/wal-name';
import type { WalGapView } from '../contracts/wal';

/**
 * Holes in the archive, per timeline: consecutive archived segments whose numbers are not
 * consecutive. One pass with a window function over the (server, timeline, segno) index, so a
 * catalog of half a million segments answers in milliseconds.
 */
export async function findWalGaps(
  db: Db,
  serverId: string,
  segmentSize = 16 * 1024 * 1024,
): Promise<WalGapView[]> {
  const rows = await db.$queryRaw<{ timeline: number; segno: bigint; next: bigint }[]>`
    SELECT timeline, segno, next FROM (
      SELECT timeline, segno, lead(segno) OVER (PARTITION BY timeline ORDER BY segno) AS next
      FROM wal_segments WHERE server_id = ${serverId}::uuid AND kind = 'segment'
    ) s WHERE next > segno + 1 ORDER BY timeline, segno`;
  return rows.map((r) => ({
    timeline: r.timeline,
    from: walSegmentName({ timeline: r.timeline, segno: r.segno + 1n }, segmentSize),
    to: walSegmentName({ timeline: r.timeline, segno: r.next - 1n }, segmentSize),
    missing: Number(r.next - r.segno - 1n),
  }));
}
