import { formatEta, formatThroughput, splitProgressNote } from './format-backup';
import { formatDuration } from './format-duration';

export type RunSpeed = { rate: string | null; eta: string | null };

type Progress = { status: string; progressDone: number; progressTotal: number | null; progressNote: string | null; startedAt: string | null };

/**
 * Throughput and time left of a running run. A backup's worker reports both in its note (the
 * rate of the last seconds); any other run gets the average since it started.
 */
export function runSpeed(run: Progress, now: number): RunSpeed {
  if (run.status !== 'running') return { rate: null, eta: null };
  const note = splitProgressNote(run.progressNote);
  const elapsed = run.startedAt ? (now - Date.parse(run.startedAt)) / 1000 : 0;
  const average = elapsed >= 1 && run.progressDone > 0 ? run.progressDone / elapsed : null;
  const rate = note.rate ?? (average ? formatThroughput(average) : null);
  const left = run.progressTotal !== null ? run.progressTotal - run.progressDone : null;
  const eta = note.eta ? formatEta(note.eta) : average && left !== null && left > 0 ? formatDuration((left / average) * 1000) : null;
  return { rate, eta };
}
