import { median, type Timed } from './timed-command';

// The benchmark's summary: medians per codec and tool, the ratio Cellar / pgBackRest (at most
// 1.00: Cellar is faster), and CPU time, which a shared machine distorts less than wall time.

export type Tool = 'cellar' | 'pgbackrest' | 'barman' | 'remote';
export type CodecResult = { codec: string; dataMiB: number; runs: Record<Tool, Timed[]> };

const seconds = (runs: Timed[]) => median(runs.map((r) => r.seconds));
const cpu = (runs: Timed[]) => median(runs.flatMap((r) => (r.cpuSeconds === null ? [] : [r.cpuSeconds])));
const rss = (runs: Timed[]) => median(runs.flatMap((r) => (r.maxRssKb === null ? [] : [r.maxRssKb / 1024])));
const fixed = (value: number | null, digits = 2) => (value === null ? '-' : value.toFixed(digits));

export function resultsTable(results: readonly CodecResult[]): string {
  const lines = [
    '| codec | data MiB | Cellar s | pgBackRest s | Cellar / pgBackRest | Barman s | Cellar CPU s | pgBackRest CPU s | Barman CPU s | Cellar peak RSS MiB | Cellar over SSH s |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of results) {
    const cellar = seconds(r.runs.cellar);
    const baseline = seconds(r.runs.pgbackrest);
    lines.push(
      `| ${r.codec} | ${r.dataMiB.toFixed(0)} | ${fixed(cellar)} | ${fixed(baseline)} | ${cellar !== null && baseline ? (cellar / baseline).toFixed(2) : '-'} | ${fixed(seconds(r.runs.barman))} | ${fixed(cpu(r.runs.cellar))} | ${fixed(cpu(r.runs.pgbackrest))} | ${fixed(cpu(r.runs.barman))} | ${fixed(rss(r.runs.cellar), 0)} | ${fixed(seconds(r.runs.remote))} |`,
    );
  }
  lines.push('', 'Medians. Cellar s: the restore inside its process, Node start-up excluded; pgBackRest s and Barman s: the whole command. CPU: user + system of every thread and child.');
  return lines.join('\n');
}
