import type { Ctx } from '../context';
import { DomainError } from '../errors/domain-error';
import { finishedStatuses } from '../contracts/runs';
import { isJobName } from '../queue/jobs';
import type { Producer } from '../queue/producer';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Run } from '../db/generated/client';

/**
 * A queued run is cancelled at once and its job removed; a running one gets its cancel flag
 * set and stops at the worker's next heartbeat, which marks it cancelled.
 */
export async function cancelRun({ ctx, producer, input }: { ctx: Ctx; producer: Producer; input: { runId: string } }): Promise<Run> {
  const run = await ctx.db.run.findUnique({ where: { id: input.runId } });
  if (!run) throw DomainError.notFound('Run', input.runId);
  if (finishedStatuses.includes(run.status)) {
    throw new DomainError('conflict', `Run ${run.id} has already ${run.status === 'succeeded' ? 'succeeded' : `been ${run.status}`}; there is nothing to cancel.`);
  }
  const queued = await ctx.db.run.updateManyAndReturn({
    where: { id: run.id, status: 'queued' },
    data: { status: 'cancelled', cancelRequested: true, finishedAt: new Date(), error: `Cancelled by ${ctx.actor.name} before it started.` },
  });
  let updated: Run;
  if (queued[0]) {
    updated = queued[0];
    if (isJobName(run.kind)) await producer.remove(run.id, run.kind);
  } else {
    updated = await ctx.db.run.update({ where: { id: run.id }, data: { cancelRequested: true } });
  }
  await recordAuditEvent(ctx, { action: 'run.cancel', targetType: 'run', targetId: run.id, outcome: 'success', details: { kind: run.kind, wasStatus: run.status } });
  return updated;
}
