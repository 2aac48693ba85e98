import type { Processor } from '../../server/queue/process-run-job';
import { runServerChecks } from '../../server/checks/run-server-checks';

export const serverCheck: Processor = async ({ ctx, run, handle }) => {
  if (!run.serverId) throw new Error('This check run has no server.');
  await handle.phase('checking');
  const report = await runServerChecks({ ctx, input: { serverId: run.serverId, runId: run.id } });
  const failed = report.results.filter((r) => r.status === 'FAILED').map((r) => r.name);
  await handle.log(failed.length ? 'warn' : 'info', failed.length ? `failed checks: ${failed.join(', ')}` : 'all checks passed');
  return { reportId: report.reportId, ok: report.ok, failed };
};
