import type { Ctx } from '../context';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';

/** Forgets a pinned SSH host key (a rebuilt host); the next restore there pins the new one. */
export async function forgetKnownHost({ ctx, input }: { ctx: Ctx; input: { hostPort: string } }): Promise<{ ok: true }> {
  requireRole(ctx.actor, 'admin');
  const match = /^(.+):(\d{1,5})$/.exec(input.hostPort);
  if (!match) throw DomainError.validation('Give the host as host:port.', { hostPort: ['Use host:port, e.g. db2.example.com:22.'] });
  const host = (match[1] ?? '').replace(/^\[(.*)\]$/, '$1');
  const port = Number(match[2]);
  const removed = await ctx.db.sshKnownHost.deleteMany({ where: { host, port } });
  if (removed.count === 0) throw new DomainError('not_found', `No host key is pinned for ${host}:${port}.`);
  await recordAuditEvent(ctx, { action: 'ssh-known-host.forget', targetType: 'ssh_host', targetId: `${host}:${port}`, outcome: 'success' });
  return { ok: true };
}
