import type { Ctx } from '../context';
import { backupIdPattern } from '../contracts/backups';
import type { Backup, Prisma, Server } from '../db/generated/client';
import { DomainError } from '../errors/domain-error';
import { findServer } from '../servers/find-server';

// A backup as a DBA names it (Barman's rules): its id, its name, or a shortcut — latest/last
// and oldest/first among the server's backups, last-failed for the newest FAILED one.

export async function findBackup(ctx: Ctx, serverName: string, ref: string): Promise<{ server: Server; backup: Backup }> {
  const server = await findServer(ctx, serverName);
  // Shortcuts never land on a backup being deleted; an explicit id or name still finds it.
  const byServer = { serverId: server.id, deletingAt: null };
  const shortcut: Record<string, { where: Prisma.BackupWhereInput; order: 'asc' | 'desc' }> = {
    latest: { where: byServer, order: 'desc' },
    last: { where: byServer, order: 'desc' },
    oldest: { where: byServer, order: 'asc' },
    first: { where: byServer, order: 'asc' },
    'last-failed': { where: { ...byServer, status: 'FAILED' }, order: 'desc' },
  };
  const pick = shortcut[ref.toLowerCase()];
  const backup = pick
    ? await ctx.db.backup.findFirst({ where: pick.where, orderBy: { backupId: pick.order } })
    : await ctx.db.backup.findFirst({ where: backupIdPattern.test(ref) ? { ...byServer, backupId: ref } : { ...byServer, name: ref } });
  if (!backup) throw new DomainError('not_found', `Server ${server.name} has no backup "${ref}".`);
  return { server, backup };
}
