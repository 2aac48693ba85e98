import type { CellarTimed, Timed } from './backup-runners';
import type { MachineLoad } from './machine-load';

// Medians and the printed tables. Every figure is a median over the repetitions of one mode.

export type ModeRuns = {
  mode: string;
  pgBasebackup: (Timed & { storedBytes: number })[];
  /** The same pg_basebackup run with SHA-256 manifest checksums, as Cellar asks for. */
  pgBasebackupSha256: (Timed & { storedBytes: number })[];
  cellar: (CellarTimed & { storedBytes: number })[];
};

export type StreamRuns = { name: string; runs: Timed[] };

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const mb = (bytes: number) => (bytes / 1e6).toFixed(0);
const mbKb = (kb: number | null) => (kb === null ? 'n/a' : (kb / 1024).toFixed(0));
const secs = (s: number) => s.toFixed(2);
const medianOf = <T>(runs: readonly T[], pick: (run: T) => number) => median(runs.map(pick));
const spread = <T>(runs: readonly T[], pick: (run: T) => number) => {
  const values = runs.map(pick);
  return `${secs(Math.min(...values))}–${secs(Math.max(...values))}`;
};

export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/** The comparison the issue asks for: one row per mode. */
export function comparisonTable(modes: readonly ModeRuns[]): string {
  const headers = [
    'mode',
    'pg_basebackup s',
    'Cellar s',
    'ratio',
    'pg_basebackup SHA-256 manifest s',
    'ratio, same checksums',
    'Cellar peak RSS MB',
    'pg_basebackup peak RSS MB',
    'stored pg_basebackup MB',
    'stored Cellar MB',
  ];
  const rows = modes.map((m) => {
    const pgSeconds = medianOf(m.pgBasebackup, (r) => r.seconds);
    const cellarSeconds = medianOf(m.cellar, (r) => r.seconds);
    const sha256Seconds = medianOf(m.pgBasebackupSha256, (r) => r.seconds);
    const pgRss = m.pgBasebackup.some((r) => r.maxRssKb === null)
      ? null
      : medianOf(m.pgBasebackup, (r) => r.maxRssKb ?? 0);
    return [
      m.mode,
      secs(pgSeconds),
      secs(cellarSeconds),
      (cellarSeconds / pgSeconds).toFixed(2),
      secs(sha256Seconds),
      (cellarSeconds / sha256Seconds).toFixed(2),
      mbKb(Math.max(...m.cellar.map((r) => r.maxRssKb))),
      mbKb(pgRss),
      mb(medianOf(m.pgBasebackup, (r) => r.storedBytes)),
      mb(medianOf(m.cellar, (r) => r.storedBytes)),
    ];
  });
  return formatTable(headers, rows);
}

/** Where the time went: CPU of each tool against wall time, and how busy the machine was meanwhile. */
export function cellarDetailTable(modes: readonly ModeRuns[]): string {
  const headers = [
    'mode',
    'pg_basebackup s (min–max)',
    'Cellar s (min–max)',
    'Cellar process s',
    'CPU s pg_basebackup',
    'CPU s Cellar (user+sys)',
    'Cellar main thread busy',
    'machine busy cores (pg_bb / Cellar)',
    'load avg',
  ];
  const rows = modes.map((m) => {
    const cpu = medianOf(m.cellar, (r) => r.cpuUserSeconds + r.cpuSystemSeconds);
    const pgCpu = m.pgBasebackup.some((r) => r.cpuSeconds === null)
      ? null
      : medianOf(m.pgBasebackup, (r) => r.cpuSeconds ?? 0);
    const busy = (runs: readonly { machine: MachineLoad | undefined }[]) =>
      runs.some((r) => !r.machine) ? 'n/a' : medianOf(runs, (r) => r.machine?.busyCores ?? 0).toFixed(2);
    const load = [...m.pgBasebackup, ...m.cellar].map((r) => r.machine?.loadAverage ?? Number.NaN);
    return [
      m.mode,
      spread(m.pgBasebackup, (r) => r.seconds),
      spread(m.cellar, (r) => r.seconds),
      secs(medianOf(m.cellar, (r) => r.processSeconds)),
      pgCpu === null ? 'n/a' : secs(pgCpu),
      `${secs(cpu)} (${secs(medianOf(m.cellar, (r) => r.cpuUserSeconds))}+${secs(medianOf(m.cellar, (r) => r.cpuSystemSeconds))})`,
      `${(medianOf(m.cellar, (r) => r.mainThreadBusy) * 100).toFixed(0)}%`,
      `${busy(m.pgBasebackup)} / ${busy(m.cellar)}`,
      `${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)}`,
    ];
  });
  return formatTable(headers, rows);
}

export function streamTable(streams: readonly StreamRuns[]): string {
  return formatTable(
    ['reference (stores nothing)', 'median s', 'min–max s'],
    streams.map((s) => [s.name, secs(medianOf(s.runs, (r) => r.seconds)), spread(s.runs, (r) => r.seconds)]),
  );
}
