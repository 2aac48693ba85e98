import type { Ctx } from '../context';
import { indexArchivedWal } from './index-archived-wal';

/** Maintenance: every server with segments not yet indexed (a failure at arrival, a rebuild). */
export async function indexAllArchives({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { root: string };
}): Promise<number> {
  const servers = await ctx.db.walSegment.findMany({
    where: { kind: { in: ['segment', 'partial'] }, indexedAt: null },
    distinct: ['serverId'],
    select: { server: true },
  });
  let indexed = 0;
  for (const { server } of servers)
    indexed += (await indexArchivedWal({ ctx, input: { server, root: input.root } })).indexed;
  return indexed;
}
