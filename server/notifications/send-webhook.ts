import type { WebhookConfig } from '../contracts/notifications';
import { signatureHeader, signWebhook, timestampHeader } from './sign-webhook';

export const webhookTimeoutMs = 10_000;

/**
 * POSTs the JSON and resolves only on a 2xx answer. Redirects are refused: a signed alert is
 * for the URL the admin configured, nowhere else. Errors say what the receiver answered.
 */
export async function sendWebhook(config: WebhookConfig, secret: string, payload: unknown, options: { deliveryId: string; now?: Date }): Promise<string> {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor((options.now ?? new Date()).getTime() / 1000);
  let response: Response;
  try {
    response = await fetch(config.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Cellar-Notifications/1',
        'x-cellar-delivery': options.deliveryId,
        [timestampHeader]: String(timestamp),
        [signatureHeader]: signWebhook(secret, timestamp, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(webhookTimeoutMs),
    });
  } catch (error) {
    throw new Error(`POST ${safeUrl(config.url)} failed: ${describeFetchError(error)}`);
  }
  const text = await response.text().catch(() => '');
  if (response.status >= 200 && response.status < 300) return `HTTP ${response.status}`;
  const excerpt = text.replace(/\s+/g, ' ').trim().slice(0, 200);
  const hint = response.status >= 300 && response.status < 400 ? ' (redirects are not followed: give the final URL)' : '';
  throw new Error(`POST ${safeUrl(config.url)} answered HTTP ${response.status}${hint}${excerpt ? `: ${excerpt}` : ''}`);
}

/** The URL without its path and query, which may hold a token (chat webhooks do). */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : '/…'}`;
  } catch {
    return 'the webhook URL';
  }
}

function describeFetchError(error: unknown): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return `no answer within ${webhookTimeoutMs / 1000} s`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  // The fetch standard blocks some ports (SMTP's 25, 9, 6000…) whatever the host.
  if (cause?.message === 'bad port') return 'the port is on the blocked list of HTTP clients (a "bad port" in the fetch standard); use another port';
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
