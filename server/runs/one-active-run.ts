import type { Ctx } from '../context';
import { runKindLabel } from '../contracts/runs';
import { DomainError } from '../errors/domain-error';

// Backups and restore verifications run once per server at a time. A partial unique index on
// runs (server_id) for each kind (migrations: runs_one_active_*_per_server) refuses the second
// queued-or-running one, so two requests cannot both pass a check made before the insert.

/** The 409 for a run refused by that index: which run holds the place, and what to do. */
export async function secondActiveRunError(ctx: Ctx, serverId: string, kind: string): Promise<DomainError> {
  const active = await ctx.db.run.findFirst({
    where: { serverId, kind, status: { in: ['queued', 'running'] } },
    include: { server: { select: { name: true } } },
  });
  const what = runKindLabel(kind);
  const server = active?.server?.name ?? 'this server';
  return new DomainError('conflict', `A ${what} of ${server} is already ${active?.status ?? 'in progress'}${active ? ` (run ${active.id})` : ''}; wait for it to finish or cancel it.`, {
    runId: active?.id,
  });
}
