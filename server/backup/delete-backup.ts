import { rename, rm } from 'node:fs/promises';
import type { Ctx } from '../context';
import { DomainError } from '../errors/domain-error';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import { fsyncDirectory } from '../repository/atomic-write';
import { backupPaths, baseDir } from './backup-layout';
import { findBackup } from './find-backup';

/**
 * Deletes a backup, refusing what Barman refuses: a kept backup, one still being taken, and the
 * deletion of a DONE backup that would leave fewer than minimum_redundancy. The directory is
 * renamed out of the way first (so no half-deleted backup ever looks whole), then the catalog
 * row goes, then the files. Files hard-linked into other backups stay there.
 */
export async function deleteBackup({ ctx, input }: { ctx: Ctx; input: { server: string; backup: string; root: string } }): Promise<void> {
  requireRole(ctx.actor, 'operator');
  const { server, backup } = await findBackup(ctx, input.server, input.backup);
  const target = `${server.name}/${backup.backupId}`;
  const refuse = async (message: string): Promise<never> => {
    await recordAuditEvent(ctx, { action: 'backup.delete', targetType: 'backup', targetId: target, outcome: 'failure', details: { reason: message } });
    throw new DomainError('conflict', message);
  };
  if (backup.keep) await refuse(`Backup ${backup.backupId} is kept (${backup.keep}); release it first if you really mean to delete it.`);
  if (backup.status === 'STARTED' || backup.status === 'EMPTY') await refuse(`Backup ${backup.backupId} is still being taken; cancel its run instead.`);
  if (backup.status === 'DONE') {
    const done = await ctx.db.backup.count({ where: { serverId: server.id, status: 'DONE' } });
    if (done - 1 < server.minimumRedundancy)
      await refuse(`Deleting backup ${backup.backupId} would leave ${done - 1} DONE backup(s), below minimum_redundancy ${server.minimumRedundancy} for ${server.name}.`);
  }
  const paths = backupPaths(input.root, server.name, backup.backupId);
  // FAILED backups have no directory; anything else must have one to rename.
  const moved = await rename(paths.dir, paths.deletingDir).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  if (moved) await fsyncDirectory(baseDir(input.root, server.name));
  await ctx.db.backup.delete({ where: { id: backup.id } });
  await rm(paths.deletingDir, { recursive: true, force: true });
  await recordAuditEvent(ctx, {
    action: 'backup.delete',
    targetType: 'backup',
    targetId: target,
    outcome: 'success',
    details: { status: backup.status, size: backup.size === null ? null : Number(backup.size), files: moved },
  });
}
