import type { Ctx } from '../context';
import type { RestorePointView } from '../contracts/wal';
import { findServer } from '../servers/find-server';

/** The named restore points found in the archived WAL, oldest first. */
export async function listRestorePoints({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { server: string };
}): Promise<{ restorePoints: RestorePointView[] }> {
  const server = await findServer(ctx, input.server);
  const rows = await ctx.db.restorePoint.findMany({
    where: { serverId: server.id },
    orderBy: [{ timeline: 'asc' }, { time: 'asc' }],
    take: 10_000,
  });
  return {
    restorePoints: rows.map((r) => ({
      name: r.name,
      timeline: r.timeline,
      lsn: r.lsn,
      time: r.time.toISOString(),
      segment: r.segment,
    })),
  };
}
