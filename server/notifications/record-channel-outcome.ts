import type { Db } from '../db/client';

const maxErrorLength = 1000;

/**
 * A channel's health, for the console and the channel_failing rule: the last success, the last
 * failure with its error, and failures in a row (the backoff reads it). Returns that count.
 */
export async function recordChannelOutcome(db: Db, channelId: string, outcome: { ok: true; at: Date } | { ok: false; at: Date; error: string }): Promise<number> {
  if (outcome.ok) {
    await db.notificationChannel.update({ where: { id: channelId }, data: { lastSuccessAt: outcome.at, consecutiveFailures: 0 } });
    return 0;
  }
  const updated = await db.notificationChannel.update({
    where: { id: channelId },
    data: { lastFailureAt: outcome.at, lastError: outcome.error.slice(0, maxErrorLength), consecutiveFailures: { increment: 1 } },
    select: { consecutiveFailures: true },
  });
  return updated.consecutiveFailures;
}
