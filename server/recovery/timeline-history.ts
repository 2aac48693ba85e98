import { isLsnText, parseLsn, type Lsn } from '../pg/lsn';
import { segmentOfLsn } from '../pg/wal-name';

// Timeline history files (<tli>.history): one line per ancestor, "parentTLI<TAB>switchpoint<TAB>reason",
// oldest first. The file of timeline N lists every timeline N descends from and the LSN where
// each was left. Recovery follows exactly this chain (PostgreSQL's readTimeLineHistory).

export type TimelineStep = {
  timeline: number;
  /** Where WAL of this timeline starts to be read: the switch point of its parent (0 for the first). */
  begin: Lsn;
  /** Where this timeline was left for the next one; null for the chain's last timeline. */
  end: Lsn | null;
};

export type HistoryEntry = { parent: number; switchLsn: Lsn };

export function parseTimelineHistory(text: string): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [parent, lsn] = line.split(/\s+/);
    if (!parent || !/^\d+$/.test(parent) || !lsn || !isLsnText(lsn)) throw new Error(`not a timeline history line: "${line.slice(0, 80)}"`);
    entries.push({ parent: Number(parent), switchLsn: parseLsn(lsn) });
  }
  return entries;
}

/** The chain recovery follows to reach `timeline`, oldest first. */
export function timelineChain(timeline: number, history: readonly HistoryEntry[]): TimelineStep[] {
  const steps: TimelineStep[] = [];
  let begin = 0n;
  for (const entry of history) {
    steps.push({ timeline: entry.parent, begin, end: entry.switchLsn });
    begin = entry.switchLsn;
  }
  steps.push({ timeline, begin, end: null });
  return steps;
}

/**
 * The timeline whose file recovery reads for segment `segno`: the newest of the chain that has
 * begun by then. The segment holding a switch point is read from the new timeline, whose copy
 * holds the old WAL up to the switch (PostgreSQL's XLogFileReadAnyTLI).
 */
export function timelineForSegment(chain: readonly TimelineStep[], segno: bigint, segmentSize: number): number | undefined {
  for (let i = chain.length - 1; i >= 0; i--) {
    const step = chain[i] as TimelineStep;
    if (segmentOfLsn(step.begin, segmentSize) <= segno) return step.timeline;
  }
  return undefined;
}

/** Whether WAL at `lsn` written on `timeline` is part of the chain (not past where that timeline was left). */
export function onChain(chain: readonly TimelineStep[], timeline: number, lsn: Lsn): boolean {
  const step = chain.find((s) => s.timeline === timeline);
  return step !== undefined && lsn >= step.begin && (step.end === null || lsn <= step.end);
}
