import type { Ctx } from '../context';
import type { StartBackupsInput } from '../contracts/backups';
import type { RunView } from '../contracts/runs';
import { isDomainError } from '../errors/domain-error';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Producer } from '../queue/producer';
import { DomainError } from '../errors/domain-error';
import { queueBackup } from './start-backup';

export type StartBackupsResult = { started: RunView[]; skipped: { server: string; reason: string }[] };

/**
 * "Back up all" (Barman's `backup all`, which is sequential): one run per server, all queued at
 * once; the workers run them in parallel up to CELLAR_BACKUP_CONCURRENCY. A server that cannot
 * be backed up now is skipped with its reason, the others still start.
 */
export async function startBackups({ ctx, producer, input }: { ctx: Ctx; producer: Producer; input: StartBackupsInput & { checkpoint: 'fast' | 'spread' } }): Promise<StartBackupsResult> {
  requireRole(ctx.actor, 'operator');
  const { servers: names, ...options } = input;
  const servers = await ctx.db.server.findMany({ where: names ? { name: { in: names } } : { enabled: true }, orderBy: { name: 'asc' } });
  const unknown = (names ?? []).filter((n) => !servers.some((s) => s.name === n));
  if (unknown.length) throw DomainError.validation('Some servers do not exist.', { servers: [`No server named ${unknown.join(', ')}.`] });
  const result: StartBackupsResult = { started: [], skipped: [] };
  for (const server of servers) {
    try {
      result.started.push(await queueBackup(ctx, producer, server, options));
    } catch (error) {
      if (!isDomainError(error) || error.code === 'unavailable') throw error;
      result.skipped.push({ server: server.name, reason: error.message });
    }
  }
  await recordAuditEvent(ctx, {
    action: 'backup.start_all',
    outcome: 'success',
    details: { started: result.started.map((r) => r.serverName), skipped: result.skipped.map((s) => s.server) },
  });
  return result;
}
