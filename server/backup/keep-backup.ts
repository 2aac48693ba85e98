import type { Ctx } from '../context';
import type { BackupView, KeepTarget } from '../contracts/backups';
import { DomainError } from '../errors/domain-error';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import { backupPaths } from './backup-layout';
import { updateBackupRecord } from './backup-record';
import { retentionStatusesOf } from '../retention/server-retention';
import { toBackupView } from './backup-view';
import { findBackup } from './find-backup';

/**
 * Barman's keep: a kept backup is never deleted by retention or by hand until released. `full`
 * keeps it with all the WAL after it (point-in-time recovery from it), `standalone` with only
 * the WAL needed for consistency. Only a DONE backup can be kept (Barman's rule).
 */
export async function keepBackup({ ctx, input }: { ctx: Ctx; input: { server: string; backup: string; root: string; target: KeepTarget | null } }): Promise<BackupView> {
  requireRole(ctx.actor, 'operator');
  const { server, backup } = await findBackup(ctx, input.server, input.backup);
  if (input.target !== null && backup.status !== 'DONE')
    throw new DomainError('conflict', `Backup ${backup.backupId} is ${backup.status}; only a DONE backup can be kept.`);
  await updateBackupRecord(backupPaths(input.root, server.name, backup.backupId).dir, { keep: input.target });
  const updated = await ctx.db.backup.update({ where: { id: backup.id }, data: { keep: input.target } });
  await recordAuditEvent(ctx, {
    action: input.target === null ? 'backup.release' : 'backup.keep',
    targetType: 'backup',
    targetId: `${server.name}/${backup.backupId}`,
    outcome: 'success',
    details: { target: input.target, previous: backup.keep },
  });
  return toBackupView(updated, server.name, (await retentionStatusesOf(ctx, server)).get(updated.backupId) ?? null);
}
