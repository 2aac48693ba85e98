import { createHmac, timingSafeEqual } from 'node:crypto';

// A receiver proves a request came from Cellar, and is recent, by recomputing the signature:
//   X-Cellar-Timestamp: <unix seconds>
//   X-Cellar-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
// Signing the timestamp with the body stops a captured request from being replayed later.

export const signatureHeader = 'x-cellar-signature';
export const timestampHeader = 'x-cellar-timestamp';

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does; Cellar's own tests use it against what actually arrived. */
export function verifyWebhookSignature(secret: string, headers: { timestamp: string | undefined; signature: string | undefined }, body: string, options: { now?: Date; toleranceSeconds?: number } = {}): boolean {
  const timestamp = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(timestamp)) return false;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
