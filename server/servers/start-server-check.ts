import type { Ctx } from '../context';
import type { RunView } from '../contracts/runs';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Producer } from '../queue/producer';
import { createRun } from '../runs/create-run';
import { toRunView } from '../runs/run-view';
import { findServer } from './find-server';

/** Queues a `server.check` run; the worker stores the report with the run. */
export async function startServerCheck({ ctx, producer, input }: { ctx: Ctx; producer: Producer; input: { name: string } }): Promise<RunView> {
  requireRole(ctx.actor, 'operator');
  const server = await findServer(ctx, input.name);
  const run = await createRun({ ctx, producer, input: { kind: 'server.check', serverId: server.id } });
  await recordAuditEvent(ctx, { action: 'server.check', targetType: 'server', targetId: server.name, outcome: 'success', details: { runId: run.id } });
  return toRunView({ ...run, server: { name: server.name } });
}
