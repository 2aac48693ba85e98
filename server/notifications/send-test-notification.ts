import { randomUUID } from 'node:crypto';
import type { Ctx } from '../context';
import type { TestSendResult } from '../contracts/notifications';
import { env } from '../config/env';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';
import { recordChannelOutcome } from './record-channel-outcome';
import { sendMessage } from './send-message';

/**
 * The "send test" button: one test message through the channel now, with the answer or the
 * error in words. It counts in the channel's health like any delivery, so a broken channel
 * shows (and alerts) before a real alert needs it.
 */
export async function sendTestNotification({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<TestSendResult> {
  requireRole(ctx.actor, 'admin', 'test notification channels');
  const channel = await ctx.db.notificationChannel.findUnique({ where: { id: input.id } });
  if (!channel) throw DomainError.notFound('Notification channel', input.id);
  const started = performance.now();
  const at = new Date();
  const message = { id: randomUUID(), test: true, channelName: channel.name, events: [], sentAt: at, consoleUrl: env().CELLAR_PUBLIC_URL ?? null, requestedBy: ctx.actor.name };
  let result: TestSendResult;
  try {
    const detail = await sendMessage(channel, message);
    result = { ok: true, durationMs: Math.round(performance.now() - started), error: null, detail };
    await recordChannelOutcome(ctx.db, channel.id, { ok: true, at });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    result = { ok: false, durationMs: Math.round(performance.now() - started), error: reason, detail: 'not delivered' };
    await recordChannelOutcome(ctx.db, channel.id, { ok: false, at, error: reason });
  }
  await recordAuditEvent(ctx, { action: 'notification.channel.test', targetType: 'notification_channel', targetId: channel.name, outcome: result.ok ? 'success' : 'failure', details: { error: result.error, durationMs: result.durationMs } });
  return result;
}
