import type { Ctx } from '../context';
import type { ServerView } from '../contracts/servers';
import { latestChecks } from '../fleet/fleet-queries';
import { toServerView } from './server-view';

export type ServerSummary = ServerView & { lastCheck: { ok: boolean; checkedAt: string; failed: string[] } | null };

/** The registry with each server's latest check; one indexed lookup per server, not every report. */
export async function listServers({ ctx }: { ctx: Ctx }): Promise<ServerSummary[]> {
  const [servers, checks] = await Promise.all([ctx.db.server.findMany({ orderBy: { name: 'asc' } }), latestChecks(ctx.db)]);
  const checkOf = new Map(checks.map((c) => [c.server_id, c]));
  return servers.map((server) => {
    const latest = checkOf.get(server.id);
    return {
      ...toServerView(server),
      lastCheck: latest ? { ok: latest.ok, checkedAt: latest.checked_at.toISOString(), failed: latest.failed ?? [] } : null,
    };
  });
}
