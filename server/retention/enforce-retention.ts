import type { Ctx } from '../context';
import { applyRetention } from './apply-retention';

/**
 * Maintenance (Barman's cron, retention_policy_mode = auto): every server with a policy, and
 * every server with an interrupted deletion. A server whose deletions are already under way
 * elsewhere is left to that process.
 */
export async function enforceRetention({ ctx, input }: { ctx: Ctx; input: { root: string; now?: Date } }): Promise<{ deleted: string[]; busy: string[] }> {
  const servers = await ctx.db.server.findMany({
    where: { OR: [{ retentionPolicy: { not: null } }, { backups: { some: { deletingAt: { not: null } } } }] },
    orderBy: { name: 'asc' },
  });
  const summary = { deleted: [] as string[], busy: [] as string[] };
  for (const server of servers) {
    try {
      const outcome = await applyRetention({ ctx, input: { server, root: input.root, waitMs: 0, now: input.now } });
      if (outcome.busy) summary.busy.push(server.name);
      else summary.deleted.push(...outcome.deleted.map((id) => `${server.name}/${id}`));
    } catch (error) {
      // One server's trouble must not stop retention for the others; the next pass retries.
      ctx.log.error({ err: error, server: server.name }, 'retention failed for a server');
    }
  }
  return summary;
}
