import { formatBytes } from './format-bytes';

/** PostgreSQL's server_version_num: 150004 → "15.4", 90624 → "9.6.24" (before 10, three parts). */
export function formatPgVersion(num: number): string {
  if (!Number.isInteger(num) || num <= 0) return String(num);
  const major = Math.floor(num / 10_000);
  if (major >= 10) return `${major}.${num % 10_000}`;
  return `${major}.${Math.floor(num / 100) % 100}.${num % 100}`;
}

/** A share as a percentage: 0.2534 → "25.3%". */
export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—';
  const percent = ratio * 100;
  return `${percent.toFixed(percent !== 0 && Math.abs(percent) < 10 ? 2 : 1)}%`;
}

/** Bytes per second in the same binary units as sizes. */
export function formatThroughput(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

export type ProgressNote = { file: string | null; rate: string | null; eta: string | null };

/**
 * A backup run's note is "current file · throughput · ETA n s" (server/backup/progress-reporter.ts),
 * any part may be missing; a verify run's note is the file alone. Unknown parts stay in `file`.
 */
export function splitProgressNote(note: string | null): ProgressNote {
  const out: ProgressNote = { file: null, rate: null, eta: null };
  if (!note) return out;
  const rest: string[] = [];
  for (const part of note.split(' · ')) {
    if (/^ETA \d/.test(part)) out.eta = part.slice(4);
    else if (/^\d[\d.]* [kMG]?B\/s$/.test(part)) out.rate = part;
    else rest.push(part);
  }
  out.file = rest.length ? rest.join(' · ') : null;
  return out;
}

/** "12 s" from the reporter's "ETA 12 s" in human form: "3 min 5 s" for "185 s". */
export function formatEta(eta: string): string {
  const match = /^(\d+) s$/.exec(eta);
  if (!match) return eta;
  const seconds = Number(match[1]);
  if (seconds < 60) return `${seconds} s`;
  const hours = Math.floor(seconds / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  return hours > 0 ? `${hours} h ${minutes} min` : `${minutes} min ${seconds % 60} s`;
}
