import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Ctx } from '../context';
import type { NotificationChannel } from '../db/generated/client';
import { env } from '../config/env';
import { toAlertView } from '../alerts/alert-view';
import type { Message } from './format-message';
import { sendMessage } from './send-message';
import { recordChannelOutcome } from './record-channel-outcome';

// Retries: the channel backs off 30 s, 1, 2, 4, 8, 16, 32 min, then hourly; an event is given
// up after 8 attempts (about two hours), and stays in the log as failed with the last error.
export const maxAttempts = 8;
export function backoffMs(failures: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, failures - 1), 3_600_000);
}

// A dispatcher holds a channel this long; a worker that dies mid-send frees it by expiry.
const leaseMs = 120_000;
const batchLimit = 200;

const input = z.object({ now: z.date().optional() }).strict();
export type DeliverResult = { channels: number; sent: number; retrying: number; failed: number };

/**
 * Sends what is due in the outbox: for each channel with an event whose time has come, every
 * event waiting for it goes out as one message (a digest when there are several). Called by
 * the workers' maintenance; any number of workers may run it at once.
 */
export async function deliverNotifications({ ctx, input: raw }: { ctx: Ctx; input?: z.input<typeof input> }): Promise<DeliverResult> {
  const now = input.parse(raw ?? {}).now ?? new Date();
  const due = await ctx.db.notificationDelivery.findMany({ where: { status: 'pending', nextAttemptAt: { lte: now } }, distinct: ['channelId'], select: { channelId: true } });
  const result: DeliverResult = { channels: 0, sent: 0, retrying: 0, failed: 0 };
  for (const { channelId } of due) {
    const channel = await lease(ctx, channelId, now);
    if (!channel) continue;
    try {
      const outcome = await deliverBatch(ctx, channel, now);
      result.channels += 1;
      result.sent += outcome.sent;
      result.retrying += outcome.retrying;
      result.failed += outcome.failed;
    } finally {
      await ctx.db.notificationChannel.update({ where: { id: channel.id }, data: { leaseUntil: null } });
    }
  }
  return result;
}

async function lease(ctx: Ctx, channelId: string, now: Date): Promise<NotificationChannel | null> {
  const taken = await ctx.db.notificationChannel.updateMany({
    where: { id: channelId, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }] },
    data: { leaseUntil: new Date(now.getTime() + leaseMs) },
  });
  return taken.count === 1 ? ctx.db.notificationChannel.findUnique({ where: { id: channelId } }) : null;
}

async function deliverBatch(ctx: Ctx, channel: NotificationChannel, now: Date): Promise<Omit<DeliverResult, 'channels'>> {
  const rows = await ctx.db.notificationDelivery.findMany({
    where: { channelId: channel.id, status: 'pending' },
    include: { alert: { include: { server: { select: { name: true } } } } },
    orderBy: { id: 'asc' },
    take: batchLimit,
  });
  const ids = rows.map((r) => r.id);
  if (!channel.enabled) {
    await ctx.db.notificationDelivery.updateMany({ where: { id: { in: ids } }, data: { status: 'failed', lastError: 'The channel was turned off before this could be sent.' } });
    return { sent: 0, retrying: 0, failed: ids.length };
  }
  const batchId = randomUUID();
  const message: Message = {
    id: batchId,
    test: false,
    channelName: channel.name,
    sentAt: now,
    consoleUrl: env().CELLAR_PUBLIC_URL ?? null,
    events: rows.map((r) => ({ event: r.event === 'resolved' ? 'resolved' : 'opened', alert: toAlertView(r.alert) })),
  };
  try {
    const answer = await sendMessage(channel, message);
    await ctx.db.notificationDelivery.updateMany({ where: { id: { in: ids } }, data: { status: 'sent', sentAt: now, batchId, attempts: { increment: 1 }, lastError: null } });
    await recordChannelOutcome(ctx.db, channel.id, { ok: true, at: now });
    ctx.log.info({ channel: channel.name, events: ids.length, batchId, answer }, 'notification sent');
    return { sent: ids.length, retrying: 0, failed: 0 };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const failures = await recordChannelOutcome(ctx.db, channel.id, { ok: false, at: now, error: reason });
    const next = new Date(now.getTime() + backoffMs(failures));
    const exhausted = rows.filter((r) => r.attempts + 1 >= maxAttempts).map((r) => r.id);
    await ctx.db.notificationDelivery.updateMany({ where: { id: { in: exhausted } }, data: { status: 'failed', attempts: { increment: 1 }, lastError: reason } });
    await ctx.db.notificationDelivery.updateMany({ where: { id: { in: ids.filter((id) => !exhausted.includes(id)) } }, data: { attempts: { increment: 1 }, lastError: reason, nextAttemptAt: next } });
    ctx.log.warn({ channel: channel.name, events: ids.length, failures, retryAt: next.toISOString(), gaveUp: exhausted.length, err: reason }, 'notification failed');
    return { sent: 0, retrying: ids.length - exhausted.length, failed: exhausted.length };
  }
}
