import type { AlertView } from '../contracts/alerts';

// One notification message: a single alert event, a digest of several, or a test. The webhook
// carries it as JSON, the email as plain text; both are built here, with no I/O.

export type MessageEvent = { event: 'opened' | 'resolved'; alert: AlertView };
export type Message = { id: string; test: boolean; channelName: string; events: MessageEvent[]; sentAt: Date; consoleUrl: string | null; requestedBy?: string };

export function webhookPayload(message: Message): Record<string, unknown> {
  return {
    source: 'cellar',
    type: message.test ? 'test' : 'alerts',
    id: message.id,
    channel: message.channelName,
    sentAt: message.sentAt.toISOString(),
    summary: summaryLine(message),
    events: message.events.map(({ event, alert }) => ({ event, alert: { ...alert, url: alertUrl(message, alert) } })),
  };
}

export function emailSubject(message: Message): string {
  if (message.test) return `[Cellar] Test notification (${message.channelName})`;
  const [only] = message.events;
  if (message.events.length === 1 && only) return `[Cellar] ${only.event === 'opened' ? only.alert.severity.toUpperCase() : 'RESOLVED'}: ${only.alert.title}`;
  return `[Cellar] ${summaryLine(message)}`;
}

export function emailText(message: Message): string {
  if (message.test)
    return [
      `This is a test notification from Cellar through the channel "${message.channelName}"${message.requestedBy ? `, sent by ${message.requestedBy}` : ''}.`,
      'If you can read it, alerts will reach you here.',
      message.consoleUrl ? `\nConsole: ${message.consoleUrl}` : '',
    ].join('\n');
  const blocks = message.events.map(({ event, alert }) => {
    const when = event === 'opened' ? `Opened ${stamp(alert.openedAt)}` : `Resolved ${stamp(alert.resolvedAt ?? alert.lastSeenAt)} (${alert.resolution ?? 'condition cleared'}), opened ${stamp(alert.openedAt)}`;
    const url = alertUrl(message, alert);
    return [`${event.toUpperCase()} · ${alert.severity.toUpperCase()} · ${alert.title}`, `  ${alert.summary}`, `  ${when}`, url ? `  ${url}` : null].filter(Boolean).join('\n');
  });
  const head = message.events.length > 1 ? `${summaryLine(message)}.\n\n` : '';
  return `${head}${blocks.join('\n\n')}\n`;
}

/** "3 alerts opened (2 critical), 1 resolved". */
export function summaryLine(message: Message): string {
  if (message.test) return `Test notification from Cellar (${message.channelName})`;
  const opened = message.events.filter((e) => e.event === 'opened');
  const resolved = message.events.length - opened.length;
  const critical = opened.filter((e) => e.alert.severity === 'critical').length;
  const parts = [];
  if (opened.length) parts.push(`${opened.length} alert${opened.length === 1 ? '' : 's'} opened${critical ? ` (${critical} critical)` : ''}`);
  if (resolved) parts.push(`${resolved} ${opened.length ? '' : `alert${resolved === 1 ? '' : 's'} `}resolved`);
  return parts.join(', ');
}

function alertUrl(message: Message, alert: AlertView): string | null {
  return message.consoleUrl ? `${message.consoleUrl.replace(/\/+$/, '')}/alerts?id=${alert.id}` : null;
}

function stamp(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
