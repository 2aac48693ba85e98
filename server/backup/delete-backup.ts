import type { Ctx } from '../context';
import { DomainError } from '../errors/domain-error';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import { deleteBackupCompletely } from '../retention/delete-backup-completely';
import { deletionLock } from '../retention/retention-lock';
import { findBackup } from './find-backup';

/**
 * Deletes a backup by hand (Barman's `delete`), refusing what Barman refuses: a kept backup, one
 * still being taken, and the deletion of a DONE backup that would leave fewer than
 * minimum_redundancy. The WAL only it needed goes with it (retention/delete-backup-completely.ts
 * says in which order, and why a kill at any point is safe). Files hard-linked into other
 * backups stay there.
 */
export async function deleteBackup({ ctx, input }: { ctx: Ctx; input: { server: string; backup: string; root: string } }): Promise<void> {
  requireRole(ctx.actor, 'operator');
  const { server } = await findBackup(ctx, input.server, input.backup);
  const locked = await deletionLock(ctx, server.id, 30_000, async () => {
    // Looked up again under the lock: another deletion may have just taken it.
    const { backup } = await findBackup(ctx, input.server, input.backup);
    const target = `${server.name}/${backup.backupId}`;
    const refuse = async (message: string): Promise<never> => {
      await recordAuditEvent(ctx, { action: 'backup.delete', targetType: 'backup', targetId: target, outcome: 'failure', details: { reason: message } });
      throw new DomainError('conflict', message);
    };
    if (backup.keep) await refuse(`Backup ${backup.backupId} is kept (${backup.keep}); release it first if you really mean to delete it.`);
    if (backup.status === 'STARTED' || backup.status === 'EMPTY') await refuse(`Backup ${backup.backupId} is still being taken; cancel its run instead.`);
    if (backup.status === 'DONE' && !backup.deletingAt) {
      const done = await ctx.db.backup.count({ where: { serverId: server.id, status: 'DONE', deletingAt: null } });
      if (done - 1 < server.minimumRedundancy)
        await refuse(`Deleting backup ${backup.backupId} would leave ${done - 1} DONE backup(s), below minimum_redundancy ${server.minimumRedundancy} for ${server.name}.`);
    }
    await deleteBackupCompletely({ ctx, input: { serverName: server.name, backup, root: input.root, mode: 'manual', reason: `deleted by ${ctx.actor.name}` } });
  });
  if (!locked.acquired)
    throw new DomainError('conflict', `Another deletion of ${server.name}'s backups (retention, or another user) is still running; try again when it has finished.`);
}
