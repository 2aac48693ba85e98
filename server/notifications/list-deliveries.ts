import type { z } from 'zod';
import type { Ctx } from '../context';
import { listDeliveriesQuery, type DeliveryView } from '../contracts/notifications';
import { requireRole } from '../auth/roles';

/** The outbox and its history, newest first: what went out, what waits, what failed and why. */
export async function listDeliveries({ ctx, input }: { ctx: Ctx; input: z.input<typeof listDeliveriesQuery> }): Promise<DeliveryView[]> {
  requireRole(ctx.actor, 'admin', 'see notification deliveries');
  const query = listDeliveriesQuery.parse(input);
  const rows = await ctx.db.notificationDelivery.findMany({
    where: { ...(query.channel ? { channelId: query.channel } : {}), ...(query.status ? { status: query.status } : {}) },
    include: { channel: { select: { name: true } }, alert: { select: { title: true, subject: true, severity: true } } },
    orderBy: { id: 'desc' },
    take: query.limit,
  });
  return rows.map((r) => ({
    id: r.id.toString(),
    channelName: r.channel.name,
    alertId: r.alertId,
    alertTitle: r.alert.title,
    subject: r.alert.subject,
    severity: r.alert.severity,
    event: r.event,
    status: r.status,
    attempts: r.attempts,
    createdAt: r.createdAt.toISOString(),
    nextAttemptAt: r.nextAttemptAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
    lastError: r.lastError,
    batchId: r.batchId,
  }));
}
