import { z } from 'zod';
import type { NotificationChannel } from '../db/generated/client';
import { emailTlsModes, type EmailConfig, type WebhookConfig } from '../contracts/notifications';
import { decryptSecret } from '../secrets/secret-box';

// A channel's stored config is read back through zod (conventions §3): a row edited by hand
// gives a clear error at send time, never a crash or a request to a half-read URL.

const webhookConfig = z.object({ url: z.string().url() });
const emailConfig = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  tls: z.enum(emailTlsModes),
  username: z.string().nullable(),
  from: z.string().min(3),
  to: z.array(z.string().min(3)).min(1),
});

export type Transport = { kind: 'webhook'; config: WebhookConfig; secret: string } | { kind: 'email'; config: EmailConfig; password: string | null };

export function readWebhookConfig(channel: Pick<NotificationChannel, 'name' | 'config'>): WebhookConfig {
  return parseStored(webhookConfig, channel);
}

export function readEmailConfig(channel: Pick<NotificationChannel, 'name' | 'config'>): EmailConfig {
  return parseStored(emailConfig, channel);
}

/** The config and the opened secret, ready to send. */
export function transportOf(channel: NotificationChannel): Transport {
  if (channel.kind === 'webhook') {
    if (!channel.secret) throw new Error(`The webhook channel "${channel.name}" has no signing secret; rotate it in the channel's settings.`);
    return { kind: 'webhook', config: readWebhookConfig(channel), secret: decryptSecret(channel.secret) };
  }
  return { kind: 'email', config: readEmailConfig(channel), password: channel.secret ? decryptSecret(channel.secret) : null };
}

function parseStored<T>(schema: z.ZodType<T>, channel: Pick<NotificationChannel, 'name' | 'config'>): T {
  const parsed = schema.safeParse(channel.config);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'config'}: ${i.message}`).join('; ');
  throw new Error(`The stored settings of channel "${channel.name}" are not valid (${issues}); edit the channel and save it again.`);
}
