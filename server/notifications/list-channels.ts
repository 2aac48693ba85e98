import type { Ctx } from '../context';
import type { ChannelView } from '../contracts/notifications';
import { requireRole } from '../auth/roles';
import { toChannelView } from './channel-view';

/** Admins only: a webhook URL often carries a token of its own. */
export async function listChannels({ ctx }: { ctx: Ctx }): Promise<ChannelView[]> {
  requireRole(ctx.actor, 'admin', 'see notification channels');
  const [channels, pending] = await Promise.all([
    ctx.db.notificationChannel.findMany({ orderBy: { name: 'asc' } }),
    ctx.db.notificationDelivery.groupBy({ by: ['channelId'], where: { status: 'pending' }, _count: { _all: true } }),
  ]);
  const counts = new Map(pending.map((p) => [p.channelId, p._count._all]));
  return channels.map((c) => toChannelView(c, counts.get(c.id) ?? 0));
}
