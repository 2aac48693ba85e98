import type { Sample } from './measure';

export type Result = { name: string; samples: Sample[] };

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 || i === widths.length - 1 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/**
 * One row per page or interaction: the first time (cold: code and data not cached yet), the
 * median and the worst of the repetitions after it, and the slowest API answer of the median run.
 */
export function resultsTable(results: readonly Result[]): string {
  const rows = results.map((r) => {
    const [first, ...rest] = r.samples;
    const warm = rest.length ? rest : r.samples;
    const ms = warm.map((s) => s.ms);
    const mid = median(ms);
    const closest = [...warm].sort((a, b) => Math.abs(a.ms - mid) - Math.abs(b.ms - mid))[0];
    const api = closest?.slowestApi;
    return [
      r.name,
      first ? first.ms.toFixed(0) : '—',
      mid.toFixed(0),
      Math.max(...ms).toFixed(0),
      api ? `${api.ms.toFixed(0)} ms ${api.path.length > 60 ? `${api.path.slice(0, 57)}…` : api.path}` : '—',
    ];
  });
  return table(['page or interaction', 'first ms', 'median ms', 'max ms', 'slowest API call (median run)'], rows);
}

export function verdict(results: readonly Result[], budgetMs: number): string[] {
  return results
    .filter((r) => median(r.samples.slice(r.samples.length > 1 ? 1 : 0).map((s) => s.ms)) > budgetMs)
    .map((r) => `${r.name}: median over ${budgetMs} ms`);
}
