import type { Ctx } from '../context';
import type { RunView } from '../contracts/runs';
import { DomainError } from '../errors/domain-error';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Producer } from '../queue/producer';
import { createRun } from '../runs/create-run';
import { toRunView } from '../runs/run-view';
import { findBackup } from './find-backup';

/** Queues a backup.verify run for a completed backup. */
export async function startBackupVerify({ ctx, producer, input }: { ctx: Ctx; producer: Producer; input: { server: string; backup: string } }): Promise<RunView> {
  requireRole(ctx.actor, 'operator');
  const { server, backup } = await findBackup(ctx, input.server, input.backup);
  if (backup.status !== 'DONE' && backup.status !== 'WAITING_FOR_WALS')
    throw new DomainError('conflict', `Backup ${backup.backupId} is ${backup.status}: only a completed backup can be verified.`);
  const run = await createRun({ ctx, producer, input: { kind: 'backup.verify', serverId: server.id, input: { backupUuid: backup.id, backupId: backup.backupId } } });
  await recordAuditEvent(ctx, { action: 'backup.verify', targetType: 'backup', targetId: `${server.name}/${backup.backupId}`, outcome: 'success', details: { runId: run.id } });
  return toRunView({ ...run, server: { name: server.name } });
}
