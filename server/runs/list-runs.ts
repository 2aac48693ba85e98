import type { Ctx } from '../context';
import type { ListRunsQuery, RunView } from '../contracts/runs';
import { toRunView } from './run-view';

export async function listRuns({ ctx, input }: { ctx: Ctx; input: ListRunsQuery }): Promise<{ runs: RunView[]; nextCursor: string | null }> {
  const rows = await ctx.db.run.findMany({
    where: { serverId: input.serverId, kind: input.kind, status: input.status },
    include: { server: { select: { name: true } } },
    orderBy: [{ queuedAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
    ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, input.limit);
  return { runs: page.map((r) => toRunView(r)), nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null };
}
