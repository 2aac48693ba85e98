import type { Ctx } from '../context';
import { canRetry, retryableKinds, type RunView } from '../contracts/runs';
import { startBackupInput } from '../contracts/backups';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import { queueBackup } from '../backup/start-backup';
import { DomainError } from '../errors/domain-error';
import type { Prisma, Run } from '../db/generated/client';
import { isJobName } from '../queue/jobs';
import type { Producer } from '../queue/producer';
import { createRun } from './create-run';
import { toRunView } from './run-view';

/**
 * A failed or cancelled run again: a new run of the same kind with the same input, pointing at
 * the one it repeats, through the same refusals as a fresh request (a disabled server, a backup
 * already running, a backup since deleted). Only the kinds in `retryableKinds` qualify.
 */
export async function retryRun({ ctx, producer, input }: { ctx: Ctx; producer: Producer; input: { runId: string } }): Promise<RunView> {
  const run = await ctx.db.run.findUnique({ where: { id: input.runId }, include: { server: true } });
  if (!run) throw DomainError.notFound('Run', input.runId);
  const role = retryableKinds[run.kind];
  if (!role || !isJobName(run.kind))
    throw new DomainError('conflict', `Runs of kind ${run.kind} are not retried from here: start a new one where it was started, with its options checked again.`);
  requireRole(ctx.actor, role, `retry ${run.kind} runs`);
  if (!canRetry({ kind: run.kind, status: run.status }))
    throw new DomainError('conflict', `Run ${run.id} is ${run.status}: only a failed or cancelled run is retried.`);
  if (!run.server) throw new DomainError('conflict', `The server of run ${run.id} no longer exists, so there is nothing to retry it on.`);
  const server = run.server;
  let created: RunView;
  if (run.kind === 'backup.run') {
    created = await queueBackup(ctx, producer, server, startBackupInput.parse(run.input), { retryOf: run.id });
  } else {
    if (run.kind === 'backup.verify') await assertBackupStillVerifiable(ctx, run);
    const next = await createRun({ ctx, producer, input: { kind: run.kind, serverId: server.id, input: run.input as Prisma.InputJsonValue, retryOf: run.id } });
    created = toRunView({ ...next, server: { name: server.name } });
  }
  await recordAuditEvent(ctx, { action: 'run.retry', targetType: 'run', targetId: run.id, outcome: 'success', details: { kind: run.kind, server: server.name, newRunId: created.id } });
  return created;
}

async function assertBackupStillVerifiable(ctx: Ctx, run: Run): Promise<void> {
  const uuid = (run.input as { backupUuid?: unknown } | null)?.backupUuid;
  const backup = typeof uuid === 'string' ? await ctx.db.backup.findUnique({ where: { id: uuid } }) : null;
  if (!backup) throw new DomainError('conflict', 'The backup this verification was about has been deleted; there is nothing left to verify.');
  if (backup.status !== 'DONE' && backup.status !== 'WAITING_FOR_WALS')
    throw new DomainError('conflict', `Backup ${backup.backupId} is ${backup.status}: only a completed backup can be verified.`);
}
