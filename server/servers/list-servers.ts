import type { Ctx } from '../context';
import type { ServerView } from '../contracts/servers';
import { toServerView } from './server-view';

export type ServerSummary = ServerView & { lastCheck: { ok: boolean; checkedAt: string; failed: string[] } | null };

export async function listServers({ ctx }: { ctx: Ctx }): Promise<ServerSummary[]> {
  const servers = await ctx.db.server.findMany({
    orderBy: { name: 'asc' },
    include: {
      checkReports: {
        orderBy: { checkedAt: 'desc' },
        take: 1,
        include: { results: { where: { status: 'FAILED' }, select: { name: true }, orderBy: { position: 'asc' } } },
      },
    },
  });
  return servers.map(({ checkReports, ...server }) => {
    const latest = checkReports[0];
    return {
      ...toServerView(server),
      lastCheck: latest ? { ok: latest.ok, checkedAt: latest.checkedAt.toISOString(), failed: latest.results.map((r) => r.name) } : null,
    };
  });
}
