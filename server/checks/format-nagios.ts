import type { CheckResult } from './types';

export type ServerCheckResults = { server: string; results: CheckResult[] };

/**
 * Barman's NagiosOutputWriter: one status line (with perfdata after "|": the last backup's size
 * as `<srv>=<n>B`, WAL since it as `<srv>_wals=<n>B`), then one line per failed check for
 * $LONGSERVICEOUTPUT$. Exit code 2 (CRITICAL) when any check failed, else 0.
 */
export function formatNagios(input: ServerCheckResults | ServerCheckResults[]): {
  text: string;
  exitCode: 0 | 2;
} {
  const servers = Array.isArray(input) ? input : [input];
  const perf = servers.flatMap(perfdataOf);
  const perfText = perf.length ? `|${perf.join(' ')}` : '';
  const withIssues = servers.filter((s) => s.results.some((r) => r.status === 'FAILED'));
  if (withIssues.length === 0) {
    const head =
      servers.length === 0
        ? 'BARMAN OK - No server configured'
        : servers.length === 1
          ? `BARMAN OK - Ready to serve the Espresso backup for ${servers[0]?.server}`
          : `BARMAN OK - Ready to serve the Espresso backup for ${servers.length} servers * ${servers.map((s) => s.server).join(' * ')}`;
    return { text: `${head}${perfText}\n`, exitCode: 0 };
  }
  const summary = withIssues
    .map(
      (s) =>
        `${s.server} FAILED: ${failedOf(s)
          .map((r) => r.name)
          .join(', ')}`,
    )
    .join(' * ');
  const head =
    servers.length === 1
      ? `BARMAN CRITICAL - server ${servers[0]?.server} has issues * ${summary}`
      : `BARMAN CRITICAL - ${withIssues.length} server out of ${servers.length} have issues * ${summary}`;
  const details = withIssues.flatMap((s) =>
    failedOf(s).map((r) => `${s.server}.${r.name}: FAILED${r.hint ? ` (${r.hint})` : ''}`),
  );
  return { text: [`${head}${perfText}`, ...details].join('\n') + '\n', exitCode: 2 };
}

function failedOf(s: ServerCheckResults): CheckResult[] {
  return s.results.filter((r) => r.status === 'FAILED');
}

function perfdataOf(s: ServerCheckResults): string[] {
  const out: string[] = [];
  for (const r of s.results) {
    if (r.name === 'backup minimum size' && r.perfdata?.backup_size !== undefined)
      out.push(`${s.server}=${Math.trunc(r.perfdata.backup_size)}B`);
    if (r.name === 'wal size' && r.perfdata?.wal_size !== undefined)
      out.push(`${s.server}_wals=${Math.trunc(r.perfdata.wal_size)}B`);
  }
  return out;
}
