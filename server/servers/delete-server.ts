import type { Ctx } from '../context';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';
import { findServer } from './find-server';

/**
 * Removes a server from the registry. Refused while the catalog still holds its backups or WAL:
 * forgetting them would orphan data in the repository. Disable the server to stop work instead.
 */
export async function deleteServer({ ctx, input }: { ctx: Ctx; input: { name: string } }): Promise<void> {
  requireRole(ctx.actor, 'admin');
  const server = await findServer(ctx, input.name);
  const [backups, wals, active] = await Promise.all([
    ctx.db.backup.count({ where: { serverId: server.id } }),
    ctx.db.walSegment.count({ where: { serverId: server.id } }),
    ctx.db.run.count({ where: { serverId: server.id, status: { in: ['queued', 'running'] } } }),
  ]);
  if (backups || wals) {
    throw new DomainError('conflict', `Server '${server.name}' still has ${backups} backup(s) and ${wals} WAL file(s) in the catalog. Delete its backups first, or disable the server instead.`);
  }
  if (active) {
    throw new DomainError('conflict', `Server '${server.name}' has ${active} job(s) queued or running. Wait for them or cancel them first.`);
  }
  await ctx.db.server.delete({ where: { id: server.id } });
  await recordAuditEvent(ctx, { action: 'server.delete', targetType: 'server', targetId: server.name, outcome: 'success' });
}
