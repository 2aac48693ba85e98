import type { Lsn } from '../../pg/lsn';
import { segmentOfLsn, segmentStartLsn } from '../../pg/wal-name';

// Where a receiver starts streaming, decided from what it left on disk and in the catalog. The
// rule that keeps the archive whole: never start after a byte that is not stored, so every
// candidate is a segment start at or before the first byte the archive lacks.
//  - the newest .partial is streamed again from its segment's start and overwritten in place
//    with the same bytes (pg_receivewal does this too), so a torn tail never survives;
//  - a segment under its own name is complete and was not stored yet;
//  - any other .partial (the old timeline's last segment after a switch, or the
//    position a reset moved away from) is stored as a partial segment: nothing is thrown away;
//  - with nothing on disk: after the last segment the receiver stored, or where a reset moved to;
//  - with nothing at all: where the slot holds WAL from, else the server's current segment.

/** A file in the streaming directory: `<segment>.partial` (unfinished: it may hold zeros past
 * what was written), or a complete segment under its own name. */
export type StreamedFileOnDisk = { name: string; timeline: number; segno: bigint; complete: boolean };
export type TimelinePosition = { timeline: number; lsn: Lsn };
export type ResumeOrigin = 'partial' | 'archive' | 'reset' | 'slot' | 'server';

export type ResumeInputs = {
  segmentSize: number;
  files: readonly StreamedFileOnDisk[];
  /** The newest segment the receiver itself stored (source 'streaming'). */
  lastStreamed: { timeline: number; segno: bigint } | null;
  /** Set by a reset: streaming continues here, past whatever came before. */
  resetFloor: TimelinePosition | null;
  slot: TimelinePosition | null;
  server: TimelinePosition;
};

export type ResumePlan = {
  start: TimelinePosition & { origin: ResumeOrigin };
  /** The .partial resumed in place, if any. */
  resumed: StreamedFileOnDisk | null;
  storeAsSegments: StreamedFileOnDisk[];
  storeAsPartials: StreamedFileOnDisk[];
};

type Candidate = TimelinePosition & { origin: ResumeOrigin; partial?: StreamedFileOnDisk };

const later = (a: Candidate, b: Candidate) => a.lsn > b.lsn || (a.lsn === b.lsn && a.timeline > b.timeline);
const byPosition = (a: StreamedFileOnDisk, b: StreamedFileOnDisk) => (a.segno === b.segno ? a.timeline - b.timeline : a.segno < b.segno ? -1 : 1);

export function planResume(input: ResumeInputs): ResumePlan {
  const { segmentSize } = input;
  const complete = input.files.filter((f) => f.complete).sort(byPosition);
  const unfinished = input.files.filter((f) => !f.complete).sort(byPosition);
  const after = (timeline: number, segno: bigint): Candidate => ({ timeline, lsn: segmentStartLsn(segno + 1n, segmentSize), origin: 'archive' });
  const newest = unfinished.at(-1);
  // First, so that an equal candidate does not displace it: a partial there is resumed in place.
  const candidates: Candidate[] = newest ? [{ timeline: newest.timeline, lsn: segmentStartLsn(newest.segno, segmentSize), origin: 'partial', partial: newest }] : [];
  candidates.push(
    ...complete.map((p) => after(p.timeline, p.segno)),
    ...(input.lastStreamed ? [after(input.lastStreamed.timeline, input.lastStreamed.segno)] : []),
    ...(input.resetFloor ? [{ ...input.resetFloor, origin: 'reset' as const }] : []),
  );
  let best = candidates.reduce<Candidate | undefined>((found, c) => (found === undefined || later(c, found) ? c : found), undefined);
  best ??= fallback(input);
  return {
    start: { timeline: best.timeline, lsn: best.lsn, origin: best.origin },
    resumed: best.partial ?? null,
    storeAsSegments: complete,
    storeAsPartials: unfinished.filter((p) => p !== best.partial),
  };
}

function fallback(input: ResumeInputs): Candidate {
  const from = input.slot ? { ...input.slot, origin: 'slot' as const } : { ...input.server, origin: 'server' as const };
  return { ...from, lsn: segmentStartLsn(segmentOfLsn(from.lsn, input.segmentSize), input.segmentSize) };
}
