import type { Tx } from '../db/client';
import type { Alert, NotificationChannel } from '../db/generated/client';
import { severityRank } from '../contracts/alerts';
import { channelSubjectKey } from './rules/global-rules';

export type AlertEvent = { alert: Alert; event: 'opened' | 'resolved' };

/** Whether a channel takes this event: its severity floor, its rules, resolutions on or off. */
export function channelWants(
  channel: Pick<NotificationChannel, 'id' | 'enabled' | 'minSeverity' | 'ruleKinds' | 'notifyResolved'>,
  { alert, event }: AlertEvent,
): boolean {
  if (!channel.enabled) return false;
  if (event === 'resolved' && !channel.notifyResolved) return false;
  if (severityRank(alert.severity) < severityRank(channel.minSeverity)) return false;
  const kinds = Array.isArray(channel.ruleKinds) ? (channel.ruleKinds as string[]) : [];
  if (kinds.length > 0 && !kinds.includes(alert.ruleKind)) return false;
  // A failing channel cannot carry the news of its own failure; the others do.
  return alert.subjectKey !== channelSubjectKey(channel.id);
}

/**
 * Puts the events in every matching channel's outbox, in the evaluation's transaction. An event
 * waits the channel's digest window, so what opens within it leaves as one message; it never
 * jumps ahead of a batch already waiting (or backing off), which it joins instead.
 */
export async function queueNotifications(tx: Tx, events: AlertEvent[], now: Date): Promise<number> {
  if (!events.length) return 0;
  const channels = await tx.notificationChannel.findMany({ where: { enabled: true } });
  if (!channels.length) return 0;
  const waiting = await tx.notificationDelivery.groupBy({
    by: ['channelId'],
    where: { status: 'pending' },
    _max: { nextAttemptAt: true },
  });
  const latestDue = new Map(waiting.map((w) => [w.channelId, w._max.nextAttemptAt]));
  const rows = channels.flatMap((channel) => {
    const windowEnd = now.getTime() + channel.digestSeconds * 1000;
    const due = new Date(Math.max(windowEnd, latestDue.get(channel.id)?.getTime() ?? 0));
    return events
      .filter((e) => channelWants(channel, e))
      .map((e) => ({
        channelId: channel.id,
        alertId: e.alert.id,
        event: e.event,
        nextAttemptAt: due,
        createdAt: now,
      }));
  });
  if (rows.length) await tx.notificationDelivery.createMany({ data: rows });
  return rows.length;
}
