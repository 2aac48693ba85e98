import type { Ctx } from '../context';
import type { RunView } from '../contracts/runs';
import { startRestoreInput, type StartRestoreInput } from '../contracts/recovery';
import { DomainError } from '../errors/domain-error';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Producer } from '../queue/producer';
import { createRun } from '../runs/create-run';
import { toRunView } from '../runs/run-view';
import { findServer } from '../servers/find-server';
import { buildPlan } from './build-plan';
import { catalogKnownHosts, requireTrustedHostKey } from './restore/ssh-connect';

/**
 * Queues a restore.run after planning it: an unreachable target is refused here (422, with what
 * is reachable instead), before anything is written anywhere. The run records the backup chosen,
 * so the worker restores exactly what was planned.
 */
export async function startRestore({ ctx, producer, root, input }: { ctx: Ctx; producer: Producer; root: string; input: { server: string; request: StartRestoreInput } }): Promise<RunView & { plan: Awaited<ReturnType<typeof buildPlan>>['view'] }> {
  requireRole(ctx.actor, 'operator');
  const server = await findServer(ctx, input.server);
  const request = startRestoreInput.parse(input.request);
  const { view } = await buildPlan(ctx, server, root, request);
  if (!view.ok || !view.backup) {
    await recordAuditEvent(ctx, { action: 'restore.start', targetType: 'server', targetId: server.name, outcome: 'failure', details: { problems: view.problems } });
    throw new DomainError('validation_failed', view.problems.map((p) => p.message).join(' '), { problems: view.problems, reachable: view.reachable, fields: { target: view.problems.map((p) => p.message) } });
  }
  if (request.destination.kind === 'ssh') {
    try {
      await requireTrustedHostKey(catalogKnownHosts(ctx), request.destination);
    } catch (error) {
      await recordAuditEvent(ctx, { action: 'restore.start', targetType: 'server', targetId: server.name, outcome: 'failure', details: { destination: request.destination, problem: error instanceof Error ? error.message : String(error) } });
      throw error;
    }
  }
  const pinned = { ...request, backup: view.backup.backupId };
  const run = await createRun({ ctx, producer, input: { kind: 'restore.run', serverId: server.id, input: pinned } });
  await recordAuditEvent(ctx, { action: 'restore.start', targetType: 'server', targetId: server.name, outcome: 'success', details: { runId: run.id, backupId: view.backup.backupId, target: request.target, destination: request.destination } });
  return { ...toRunView({ ...run, server: { name: server.name } }), plan: view };
}
