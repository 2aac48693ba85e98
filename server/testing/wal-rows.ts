import type { Db } from '../db/client';
import { walSegmentName } from '../pg/wal-name';

// Shared by integration tests that need a WAL catalog without archiving real WAL: rows shaped as
// the archive writes them, one segment per `everyMs`, on the timeline and numbers asked for.

export type WalRun = { timeline: number; from: bigint; to: bigint; startMs: number; everyMs: number; source?: string; skip?: bigint[] };

export async function insertWalRows(db: Db, serverId: string, runs: WalRun[]): Promise<number> {
  const data = runs.flatMap((r) => {
    const rows = [];
    for (let segno = r.from; segno <= r.to; segno++) {
      if (r.skip?.includes(segno)) continue;
      rows.push({
        serverId,
        name: walSegmentName({ timeline: r.timeline, segno }),
        timeline: r.timeline,
        segno,
        size: 16n * 1024n * 1024n,
        storedSize: 4n * 1024n * 1024n,
        codec: 'zstd' as const,
        checksum: 'x'.repeat(64),
        source: r.source ?? 'push',
        archivedAt: new Date(r.startMs + Number(segno - r.from) * r.everyMs),
        // Marked indexed: there is no file behind these rows for the WAL index to read.
        indexedAt: new Date(r.startMs + Number(segno - r.from) * r.everyMs),
      });
    }
    return rows;
  });
  await db.walSegment.createMany({ data });
  return data.length;
}

/** A <timeline>.history row, as the archive stores one (size 42, uncompressed). */
export async function insertHistoryRow(db: Db, serverId: string, timeline: number, archivedAt?: Date): Promise<void> {
  await db.walSegment.create({
    data: {
      serverId,
      name: `${timeline.toString(16).toUpperCase().padStart(8, '0')}.history`,
      kind: 'history',
      timeline,
      segno: -1n,
      size: 42n,
      storedSize: 42n,
      codec: 'none',
      checksum: 'h',
      source: 'push',
      ...(archivedAt ? { archivedAt } : {}),
    },
  });
}
