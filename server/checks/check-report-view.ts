import type { CheckReport, CheckResult as CheckResultRow } from '../db/generated/client';
import type { CheckResult } from './types';

// JSON-safe shapes of stored check reports (candidates for server/contracts/checks.ts).

export type CheckReportView = {
  id: string;
  serverId: string;
  runId: string | null;
  ok: boolean;
  durationMs: number;
  checkedAt: string;
  results: CheckResult[];
};

export function toCheckReportView(report: CheckReport & { results: CheckResultRow[] }): CheckReportView {
  return {
    id: report.id,
    serverId: report.serverId,
    runId: report.runId,
    ok: report.ok,
    durationMs: report.durationMs,
    checkedAt: report.checkedAt.toISOString(),
    results: [...report.results].sort((a, b) => a.position - b.position).map(toCheckResult),
  };
}

export function toCheckResult(row: CheckResultRow): CheckResult {
  const perfdata = row.perfdata as Record<string, number> | null;
  return {
    name: row.name,
    status: row.status,
    ...(row.hint ? { hint: row.hint } : {}),
    ...(perfdata ? { perfdata } : {}),
  };
}
