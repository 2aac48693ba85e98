import type { Ctx } from '../context';
import { runServerChecks } from '../checks/run-server-checks';

/** Periodic `barman check` of every enabled server; each report joins the server's check history. */
export async function checkAllServers({ ctx, input }: { ctx: Ctx; input: { root: string } }): Promise<{ checked: number; failing: string[] }> {
  const servers = await ctx.db.server.findMany({ where: { enabled: true }, select: { id: true, name: true }, orderBy: { name: 'asc' } });
  const failing: string[] = [];
  for (const server of servers) {
    try {
      const report = await runServerChecks({ ctx, input: { serverId: server.id, repositoryRoot: input.root } });
      if (!report.ok) failing.push(server.name);
    } catch (error) {
      // A server deleted meanwhile, or the catalog briefly away: the next pass checks again.
      ctx.log.warn({ err: error, server: server.name }, 'periodic check failed to run');
    }
  }
  return { checked: servers.length, failing };
}
