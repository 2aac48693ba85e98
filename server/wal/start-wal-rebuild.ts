import type { Ctx } from '../context';
import type { RunView } from '../contracts/runs';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Producer } from '../queue/producer';
import { createRun } from '../runs/create-run';
import { toRunView } from '../runs/run-view';
import { findServer } from '../servers/find-server';

/** Queues a wal.rebuild run (Barman's rebuild-xlogdb). */
export async function startWalRebuild({
  ctx,
  producer,
  input,
}: {
  ctx: Ctx;
  producer: Producer;
  input: { server: string };
}): Promise<RunView> {
  requireRole(ctx.actor, 'admin', 'rebuild the WAL catalog');
  const server = await findServer(ctx, input.server);
  const run = await createRun({ ctx, producer, input: { kind: 'wal.rebuild', serverId: server.id } });
  await recordAuditEvent(ctx, {
    action: 'wal.rebuild',
    targetType: 'server',
    targetId: server.name,
    outcome: 'success',
    details: { runId: run.id },
  });
  return toRunView({ ...run, server: { name: server.name } });
}
