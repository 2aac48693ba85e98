import { z } from 'zod';
import type { Ctx } from '../context';
import { DomainError } from '../errors/domain-error';
import { humanDuration } from '../contracts/barman-options';
import { toCheckResult } from './check-report-view';
import { formatNagios, type ServerCheckResults } from './format-nagios';
import type { CheckResult } from './types';

export const nagiosQuery = z.object({
  /** Report older than this many seconds: a failed `check report` line (are the checks still running?). */
  maxAge: z.coerce.number().int().min(60).max(30 * 86_400).optional(),
});

/**
 * `barman check --nagios` for one server or all of them, from each server's latest check
 * report (checks run in the workers, on schedule or on demand). A server never checked, or
 * checked too long ago when `maxAge` is given, gets a failed `check report` line saying so,
 * rather than a silent OK. Disabled servers are Barman's inactive ones.
 */
export async function nagiosReport({ ctx, input }: { ctx: Ctx; input: { server?: string; maxAge?: number; now?: Date } }): Promise<{ text: string; exitCode: 0 | 2 }> {
  const now = input.now ?? new Date();
  const servers = await ctx.db.server.findMany({ where: input.server ? { name: input.server } : {}, orderBy: { name: 'asc' }, select: { id: true, name: true, enabled: true } });
  if (input.server && servers.length === 0) throw DomainError.notFound('Server', input.server);
  const checked: ServerCheckResults[] = [];
  for (const server of servers) {
    const latest = await ctx.db.checkReport.findFirst({ where: { serverId: server.id }, orderBy: [{ checkedAt: 'desc' }, { id: 'desc' }], include: { results: true } });
    const results = latest ? [...latest.results].sort((a, b) => a.position - b.position).map(toCheckResult) : [];
    checked.push({ server: server.name, active: server.enabled, results: [...results, ...staleness(server.name, latest?.checkedAt ?? null, input.maxAge, now)] });
  }
  return formatNagios(checked);
}

function staleness(server: string, checkedAt: Date | null, maxAge: number | undefined, now: Date): CheckResult[] {
  if (!checkedAt) return [{ name: 'check report', status: 'FAILED', hint: `${server} was never checked; run its checks (POST /api/servers/${server}/check)` }];
  const age = (now.getTime() - checkedAt.getTime()) / 1000;
  if (maxAge === undefined || age <= maxAge) return [];
  return [{ name: 'check report', status: 'FAILED', hint: `the latest check is ${humanDuration(age)} old, over ${humanDuration(maxAge)}: are the workers running the checks?` }];
}
