import type { Ctx } from '../context';
import type { BackupView, ListBackupsQuery } from '../contracts/backups';
import { findServer } from '../servers/find-server';
import { retentionStatusesOf } from '../retention/server-retention';
import { toBackupView } from './backup-view';

/** list-backups, newest first, a page at a time (keyset on the backup id). */
export async function listBackups({ ctx, input }: { ctx: Ctx; input: { server: string; query: ListBackupsQuery } }): Promise<{ backups: BackupView[]; nextCursor: string | null }> {
  const server = await findServer(ctx, input.server);
  const { status, cursor, limit } = input.query;
  const rows = await ctx.db.backup.findMany({
    where: { serverId: server.id, ...(status ? { status } : {}), ...(cursor ? { backupId: { lt: cursor } } : {}) },
    orderBy: { backupId: 'desc' },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const retention = await retentionStatusesOf(ctx, server);
  return { backups: page.map((b) => toBackupView(b, server.name, retention.get(b.backupId) ?? null)), nextCursor: rows.length > limit ? (page.at(-1)?.backupId ?? null) : null };
}
