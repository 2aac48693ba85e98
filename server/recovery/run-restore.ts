import type { Ctx } from '../context';
import type { RestoreReportView } from '../contracts/recovery';
import { startRestoreInput } from '../contracts/recovery';
import type { Run } from '../db/generated/client';
import type { RunHandle } from '../runs/run-handle';
import { buildPlan } from './build-plan';
import { executeRestore } from './restore/execute-restore';

/** The restore.run job: plan again against the archive as it is now (same backup), then restore. */
export async function runRestore({ ctx, input, handle }: { ctx: Ctx; input: { run: Run; root: string }; handle: RunHandle }): Promise<RestoreReportView> {
  const { run, root } = input;
  if (!run.serverId) throw new Error('This restore run has no server.');
  const server = await ctx.db.server.findUniqueOrThrow({ where: { id: run.serverId } });
  const request = startRestoreInput.parse(run.input);
  await handle.phase('plan');
  const { plan, facts } = await buildPlan(ctx, server, root, request);
  if (!plan.ok) throw new Error(`The target is no longer reachable: ${plan.problems.map((p) => p.message).join(' ')}`);
  await handle.log('info', `restoring backup ${plan.reach?.backup.backupId ?? '?'}: ${plan.reason} Stop: ${plan.stop?.description ?? '?'}.`);
  const { backup: _backup, target, timeline, inclusive, action, ...rest } = request;
  const report = await executeRestore({ ctx, root, server, plan, facts, request: { ...rest, target: { target, timeline, inclusive, action } }, handle, runId: run.id });
  await handle.log('info', `restored ${report.files} files (${report.bytes} bytes) and ${report.walFiles} WAL files to ${report.destination} in ${report.durationMs} ms; start it with: ${report.startCommand}`);
  return report;
}
