import type { Ctx } from '../context';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';

/** Removes a channel and its delivery log; alerts themselves stay in the history. */
export async function deleteChannel({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<void> {
  requireRole(ctx.actor, 'admin', 'manage notification channels');
  const channel = await ctx.db.notificationChannel.findUnique({ where: { id: input.id } });
  if (!channel) throw DomainError.notFound('Notification channel', input.id);
  const pending = await ctx.db.notificationDelivery.count({ where: { channelId: channel.id, status: 'pending' } });
  await ctx.db.notificationChannel.delete({ where: { id: channel.id } });
  await recordAuditEvent(ctx, { action: 'notification.channel.delete', targetType: 'notification_channel', targetId: channel.name, outcome: 'success', details: { kind: channel.kind, droppedPending: pending } });
}
