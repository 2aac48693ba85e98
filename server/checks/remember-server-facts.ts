import type { Ctx } from '../context';
import type { Server } from '../db/generated/client';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Probe } from './types';

/**
 * What a check learns that the registry should show: the PostgreSQL version (always current),
 * the system identifier (first seen only: a later change is what `systemid coherence` reports,
 * never silently accepted), and the SSH host key on first contact (trust on first use, audited;
 * afterwards a different key is refused).
 */
export async function rememberServerFacts(ctx: Ctx, server: Server, probe: Probe): Promise<void> {
  const data: { pgVersion?: number; systemId?: string; sshHostKey?: string } = {};
  if (probe.postgres.ok) {
    data.pgVersion = probe.postgres.value.versionNum;
    if (!server.systemId && probe.postgres.value.systemId) data.systemId = probe.postgres.value.systemId;
  }
  const ssh = probe.ssh;
  if (!server.sshHostKey && ssh?.ok) data.sshHostKey = `${ssh.value.hostKey.type} ${ssh.value.hostKey.base64}`;
  if (Object.keys(data).length === 0) return;
  await ctx.db.server.update({ where: { id: server.id }, data });
  if (data.sshHostKey && ssh?.ok) {
    await recordAuditEvent(ctx, {
      action: 'server.ssh_host_key.pin',
      targetType: 'server',
      targetId: server.name,
      outcome: 'success',
      details: { fingerprint: ssh.value.hostKey.sha256 },
    });
  }
}
