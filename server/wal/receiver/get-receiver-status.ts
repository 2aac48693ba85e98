import type { Ctx } from '../../context';
import type { ReceiverStatusView } from '../../contracts/wal';
import { requireRole } from '../../auth/roles';
import { findServer } from '../../servers/find-server';
import { receiverView } from './receiver-view';

export async function getReceiverStatus({ ctx, input }: { ctx: Ctx; input: { server: string } }): Promise<ReceiverStatusView | null> {
  requireRole(ctx.actor, 'viewer');
  const server = await findServer(ctx, input.server);
  return receiverView(server, await ctx.db.walReceiver.findUnique({ where: { serverId: server.id } }));
}
