import type { Ctx } from '../context';
import type { RunView } from '../contracts/runs';
import { startRestoreVerifyInput, type StartRestoreVerifyInput } from '../contracts/recovery';
import { DomainError } from '../errors/domain-error';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Producer } from '../queue/producer';
import { createRun } from '../runs/create-run';
import { toRunView } from '../runs/run-view';
import { findServer } from '../servers/find-server';
import { buildPlan } from './build-plan';

/**
 * Queues a restore.verify. Only the server is required (backup defaults to the latest, the target
 * to its consistency point), so a schedule can start it with nothing else.
 */
export async function startRestoreVerify({ ctx, producer, root, input }: { ctx: Ctx; producer: Producer; root: string; input: { server: string; request?: StartRestoreVerifyInput } }): Promise<RunView> {
  requireRole(ctx.actor, 'operator');
  const server = await findServer(ctx, input.server);
  const request = startRestoreVerifyInput.parse(input.request ?? {});
  const { view } = await buildPlan(ctx, server, root, { target: request.target, timeline: request.timeline, inclusive: request.inclusive, action: 'promote', backup: request.backup });
  if (!view.ok || !view.backup) throw new DomainError('validation_failed', view.problems.map((p) => p.message).join(' '), { problems: view.problems, reachable: view.reachable });
  const run = await createRun({ ctx, producer, input: { kind: 'restore.verify', serverId: server.id, input: { ...request, backup: view.backup.backupId } } });
  await recordAuditEvent(ctx, { action: 'restore.verify', targetType: 'backup', targetId: `${server.name}/${view.backup.backupId}`, outcome: 'success', details: { runId: run.id, target: request.target } });
  return toRunView({ ...run, server: { name: server.name } });
}
