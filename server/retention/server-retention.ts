import type { Ctx } from '../context';
import type { RetentionStatus } from '../contracts/retention';
import type { Server } from '../db/generated/client';
import { serverRetentionPolicy } from './policy';
import { retentionReport, type RetentionReport } from './retention-status';

/** The server's retention report now, from its catalog; null when it has no policy. Backups being deleted are left out. */
export async function serverRetentionReport(ctx: Ctx, server: Pick<Server, 'id' | 'retentionPolicy' | 'minimumRedundancy'>, now = new Date()): Promise<RetentionReport | null> {
  const policy = serverRetentionPolicy(server.retentionPolicy);
  if (!policy) return null;
  const backups = await ctx.db.backup.findMany({
    where: { serverId: server.id, deletingAt: null },
    select: { backupId: true, status: true, endTime: true, keep: true },
  });
  return retentionReport(backups, policy, server.minimumRedundancy, now);
}

/** backupId → retention status for list-backups and show-backup; empty when no policy is set. */
export async function retentionStatusesOf(ctx: Ctx, server: Pick<Server, 'id' | 'retentionPolicy' | 'minimumRedundancy'>): Promise<Map<string, RetentionStatus>> {
  const report = await serverRetentionReport(ctx, server).catch(() => null);
  return new Map([...(report?.verdicts.entries() ?? [])].map(([id, v]) => [id, v.status]));
}
