import type { Ctx } from '../context';
import { checkWaitingBackups } from './check-backup';

/** The periodic half of check-backup (Barman's cron): every server with a backup still waiting for WAL. */
export async function checkAllWaitingBackups({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { root: string };
}): Promise<number> {
  const servers = await ctx.db.backup.findMany({
    where: { status: 'WAITING_FOR_WALS' },
    distinct: ['serverId'],
    select: { serverId: true },
  });
  let changed = 0;
  for (const { serverId } of servers)
    changed += (await checkWaitingBackups({ ctx, input: { serverId, root: input.root } })).length;
  return changed;
}
