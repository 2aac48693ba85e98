import type { Ctx } from '../context';
import type { BackupDetailView } from '../contracts/backups';
import { retentionStatusesOf } from '../retention/server-retention';
import { toBackupDetailView } from './backup-view';
import { findBackup } from './find-backup';

/** show-backup: every field, with the previous and next backups of the server. */
export async function getBackup({ ctx, input }: { ctx: Ctx; input: { server: string; backup: string } }): Promise<BackupDetailView> {
  const { server, backup } = await findBackup(ctx, input.server, input.backup);
  const [previous, next] = await Promise.all([
    ctx.db.backup.findFirst({ where: { serverId: server.id, backupId: { lt: backup.backupId } }, orderBy: { backupId: 'desc' }, select: { backupId: true } }),
    ctx.db.backup.findFirst({ where: { serverId: server.id, backupId: { gt: backup.backupId } }, orderBy: { backupId: 'asc' }, select: { backupId: true } }),
  ]);
  const retention = await retentionStatusesOf(ctx, server);
  return toBackupDetailView(backup, server.name, { previous: previous?.backupId ?? null, next: next?.backupId ?? null }, retention.get(backup.backupId) ?? null);
}
