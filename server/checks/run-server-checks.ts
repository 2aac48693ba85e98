import { z } from 'zod';
import type { Ctx } from '../context';
import { DomainError } from '../errors/domain-error';
import { checksPassed, evaluateChecks } from './evaluate/evaluate-checks';
import { defaultCheckTimeoutMs, gatherProbe } from './probe/gather-probe';
import { repositoryRoot } from '../repository/repository-root';
import type { CheckResult } from './types';
import { rememberServerFacts } from './remember-server-facts';

const runServerChecksInput = z
  .object({
    serverId: z.string().uuid(),
    runId: z.string().uuid().optional(),
    // Barman's check_timeout, in milliseconds (default 30 s).
    timeoutMs: z.number().int().min(1000).max(600_000).default(defaultCheckTimeoutMs),
    /** Overrides <CELLAR_REPOSITORY or CELLAR_HOME/repository> (tests, a second repository). */
    repositoryRoot: z.string().min(1).optional(),
  })
  .strict();

export type RunServerChecksInput = z.input<typeof runServerChecksInput>;
export type RunServerChecksOutput = {
  reportId: string;
  ok: boolean;
  durationMs: number;
  results: CheckResult[];
};

/**
 * `barman check <server>`: gather the facts once, evaluate Barman's checks in Barman's order and
 * keep the report (with its ordered results) as history. The report is stored even when checks
 * fail; only a server that does not exist is an error.
 */
export async function runServerChecks({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: RunServerChecksInput;
}): Promise<RunServerChecksOutput> {
  const { serverId, runId, timeoutMs, repositoryRoot: root } = runServerChecksInput.parse(input);
  const server = await ctx.db.server.findUnique({ where: { id: serverId } });
  if (!server) throw DomainError.notFound('Server', serverId);
  const started = performance.now();
  const probe = await gatherProbe({
    db: ctx.db,
    server,
    repositoryRoot: root ?? repositoryRoot(),
    timeoutMs,
  });
  const results = evaluateChecks(probe);
  await rememberServerFacts(ctx, server, probe);
  const ok = checksPassed(results);
  const durationMs = Math.round(performance.now() - started);
  const report = await ctx.db.checkReport.create({
    data: {
      serverId,
      runId: runId ?? null,
      ok,
      durationMs,
      results: {
        create: results.map((r, position) => ({
          position,
          name: r.name,
          status: r.status,
          hint: r.hint ?? null,
          ...(r.perfdata ? { perfdata: r.perfdata } : {}),
        })),
      },
    },
  });
  const failed = results.filter((r) => r.status === 'FAILED').map((r) => r.name);
  ctx.log.info({ server: server.name, reportId: report.id, ok, durationMs, failed }, 'server checks done');
  return { reportId: report.id, ok, durationMs, results };
}
