import type { Ctx } from '../context';
import type { ApplyRetentionInput } from '../contracts/retention';
import type { RunView } from '../contracts/runs';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';
import type { Producer } from '../queue/producer';
import { createRun } from '../runs/create-run';
import { toRunView } from '../runs/run-view';
import { findServer } from '../servers/find-server';

/** Applies the server's retention policy now, as a run (each deletion is audited by the run). */
export async function startRetention({ ctx, producer, input }: { ctx: Ctx; producer: Producer; input: { server: string; body: ApplyRetentionInput } }): Promise<RunView> {
  requireRole(ctx.actor, 'operator', 'apply a retention policy');
  const server = await findServer(ctx, input.server);
  const interrupted = await ctx.db.backup.count({ where: { serverId: server.id, deletingAt: { not: null } } });
  if (!server.retentionPolicy && !interrupted)
    throw new DomainError('conflict', `Server ${server.name} has no retention policy; set one in its settings (REDUNDANCY n or RECOVERY WINDOW OF n DAYS) first.`);
  const run = await createRun({ ctx, producer, input: { kind: 'retention.apply', serverId: server.id, input: input.body } });
  await recordAuditEvent(ctx, {
    action: 'retention.apply',
    targetType: 'server',
    targetId: server.name,
    outcome: 'success',
    details: { runId: run.id, policy: server.retentionPolicy, backupIds: input.body.backupIds ?? null },
  });
  return toRunView({ ...run, server: { name: server.name } });
}
