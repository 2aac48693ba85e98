import type { CheckResult } from './types';

/** `active: false` is Barman's inactive server (Cellar's disabled one): its failures are ignored. */
export type ServerCheckResults = { server: string; results: CheckResult[]; active?: boolean };

/**
 * Barman's NagiosOutputWriter (barman check --nagios), line for line:
 *  - perfdata after "|" for every server: the last backup's size `<srv>=<n>B` ("backup minimum
 *    size") and the WAL after it `<srv>_wals=<n>B` ("wal size");
 *  - CRITICAL (exit 2) when a check of an active server failed: the first line names each
 *    server with failures and its failed checks, then one `<srv>.<check>: FAILED (hint)` line
 *    each (Nagios' $LONGSERVICEOUTPUT$);
 *  - otherwise OK (exit 0), naming the servers without failures, and `* IGNORING: <srv>` for
 *    inactive servers whose checks failed.
 * Every line ends with a newline, as Python's print() writes it.
 */
export function formatNagios(input: ServerCheckResults | ServerCheckResults[]): { text: string; exitCode: 0 | 2 } {
  const servers = Array.isArray(input) ? input : [input];
  const perf = servers.flatMap(perfdataOf);
  const perfText = perf.length ? `|${perf.join(' ')}` : '';
  const issues = servers.filter((s) => failedOf(s).length > 0);
  const critical = issues.some((s) => s.active !== false);
  return critical ? failure(servers, issues, perfText) : success(servers, issues, perfText);
}

function failure(servers: ServerCheckResults[], issues: ServerCheckResults[], perfText: string): { text: string; exitCode: 2 } {
  const summary = issues.map((s) => `${s.server} FAILED: ${failedOf(s).map((r) => r.name).join(', ')}`).join(' * ');
  const head =
    servers.length === 1
      ? `BARMAN CRITICAL - server ${servers[0]?.server ?? ''} has issues * ${summary}${perfText}`
      : `BARMAN CRITICAL - ${issues.length} server out of ${servers.length} have issues * ${summary}${perfText}`;
  const details = issues.flatMap((s) => failedOf(s).map((r) => `${s.server}.${r.name}: FAILED${r.hint ? ` (${r.hint})` : ''}`));
  return { text: [head, ...details].map((line) => `${line}\n`).join(''), exitCode: 2 };
}

function success(servers: ServerCheckResults[], issues: ServerCheckResults[], perfText: string): { text: string; exitCode: 0 } {
  const ignoring = issues.map((s) => ` * IGNORING: ${s.server}`).join('');
  const good = servers.filter((s) => !issues.includes(s)).map((s) => s.server);
  const head =
    good.length === 0
      ? `BARMAN OK - No server configured${ignoring}`
      : good.length === 1
        ? `BARMAN OK - Ready to serve the Espresso backup for ${good[0] ?? ''}${ignoring}${perfText}`
        : `BARMAN OK - Ready to serve the Espresso backup for ${good.length} servers * ${good.join(' * ')}${ignoring}${perfText}`;
  return { text: `${head}\n`, exitCode: 0 };
}

function failedOf(s: ServerCheckResults): CheckResult[] {
  return s.results.filter((r) => r.status === 'FAILED');
}

function perfdataOf(s: ServerCheckResults): string[] {
  const out: string[] = [];
  for (const r of s.results) {
    if (r.name === 'backup minimum size' && r.perfdata?.backup_size !== undefined) out.push(`${s.server}=${Math.trunc(r.perfdata.backup_size)}B`);
    if (r.name === 'wal size' && r.perfdata?.wal_size !== undefined) out.push(`${s.server}_wals=${Math.trunc(r.perfdata.wal_size)}B`);
  }
  return out;
}
