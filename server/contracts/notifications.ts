import { z } from 'zod';
import { alertRuleKindSchema, alertSeveritySchema, type AlertRuleKind, type AlertSeverity } from './alerts';

// Notification channels (webhook, email) and their delivery log, shared by API and console.

export const channelKinds = ['webhook', 'email'] as const;
export type ChannelKind = (typeof channelKinds)[number];

export const emailTlsModes = ['starttls', 'tls', 'none'] as const;
export type EmailTls = (typeof emailTlsModes)[number];

const name = z
  .string()
  .trim()
  .min(1, 'Name the channel, e.g. "ops mailbox" or "pager webhook".')
  .max(80, 'Keep the name under 80 characters.');

const webhookUrl = z
  .string()
  .trim()
  .url('Give the full URL the alerts are POSTed to, e.g. https://hooks.example.com/cellar.')
  .refine((u) => /^https?:$/.test(new URL(u).protocol), 'The URL must start with http:// or https://.');

const signingSecret = z.string().min(16, 'A signing secret has at least 16 characters; leave it empty and Cellar generates one.').max(200);

const email = z.string().trim().email('Give an email address such as ops@example.com.');

const routing = {
  enabled: z.boolean().default(true),
  minSeverity: alertSeveritySchema.default('warning'),
  ruleKinds: z.array(alertRuleKindSchema).max(50).default([]),
  notifyResolved: z.boolean().default(true),
  digestSeconds: z.number().int().min(0, 'The digest window is 0 (send at once) or more seconds.').max(3600, 'Keep the digest window at most an hour (3600 s).').default(60),
};

const emailFields = {
  host: z.string().trim().min(1, 'Give the SMTP server host name.').max(255),
  port: z.number().int().min(1).max(65535).default(587),
  tls: z.enum(emailTlsModes).default('starttls'),
  username: z.string().trim().max(255).optional(),
  password: z.string().max(1024).optional(),
  from: email,
  to: z.array(email).min(1, 'Give at least one recipient.').max(50),
};

export const createChannelInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('webhook'), name, ...routing, url: webhookUrl, secret: signingSecret.optional() }).strict(),
  z.object({ kind: z.literal('email'), name, ...routing, ...emailFields }).strict(),
]);
export type CreateChannelInput = z.input<typeof createChannelInput>;
export type CreateChannelData = z.output<typeof createChannelInput>;

/** Every field optional; fields of the other kind are refused by the verb. */
export const updateChannelInput = z
  .object({
    name: name.optional(),
    enabled: z.boolean().optional(),
    minSeverity: alertSeveritySchema.optional(),
    ruleKinds: z.array(alertRuleKindSchema).max(50).optional(),
    notifyResolved: z.boolean().optional(),
    digestSeconds: routing.digestSeconds.unwrap().optional(),
    url: webhookUrl.optional(),
    /** true: Cellar generates a new signing secret and shows it once. */
    rotateSecret: z.boolean().optional(),
    secret: signingSecret.optional(),
    host: emailFields.host.optional(),
    port: z.number().int().min(1).max(65535).optional(),
    tls: z.enum(emailTlsModes).optional(),
    username: z.string().trim().max(255).nullable().optional(),
    /** null clears the stored password. */
    password: z.string().max(1024).nullable().optional(),
    from: email.optional(),
    to: emailFields.to.optional(),
  })
  .strict();
export type UpdateChannelInput = z.input<typeof updateChannelInput>;

export type WebhookConfig = { url: string };
export type EmailConfig = { host: string; port: number; tls: EmailTls; username: string | null; from: string; to: string[] };

export type ChannelView = {
  id: string;
  name: string;
  kind: ChannelKind;
  enabled: boolean;
  minSeverity: AlertSeverity;
  ruleKinds: AlertRuleKind[];
  notifyResolved: boolean;
  digestSeconds: number;
  webhook: WebhookConfig | null;
  email: EmailConfig | null;
  /** Whether a signing secret (webhook) or SMTP password (email) is stored; never the value. */
  secretSet: boolean;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  /** false while the last attempt failed. */
  healthy: boolean;
  pendingDeliveries: number;
  createdAt: string;
};

/** The signing secret is in the answer that created or rotated it, and never again. */
export type ChannelWithSecret = { channel: ChannelView; signingSecret: string | null };

export type DeliveryView = {
  id: string;
  channelName: string;
  alertId: string;
  alertTitle: string;
  subject: string;
  severity: AlertSeverity;
  /** opened | resolved */
  event: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  createdAt: string;
  nextAttemptAt: string;
  sentAt: string | null;
  lastError: string | null;
  batchId: string | null;
};

export const listDeliveriesQuery = z.object({
  channel: z.string().uuid().optional(),
  status: z.enum(['pending', 'sent', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type TestSendResult = { ok: boolean; durationMs: number; error: string | null; detail: string };
