import { randomBytes } from 'node:crypto';
import type { Ctx } from '../context';
import type { Prisma } from '../db/generated/client';
import { createChannelInput, type ChannelWithSecret, type CreateChannelInput } from '../contracts/notifications';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';
import { isUniqueViolation } from '../db/errors';
import { encryptSecret } from '../secrets/secret-box';
import { toChannelView } from './channel-view';
import { safeUrl } from './send-webhook';

/** A fresh webhook signing secret: 256 random bits, URL-safe. */
export function generateSigningSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Adds a channel. A webhook gets a signing secret (generated unless given) that the answer
 * shows once; an SMTP password is sealed. Both are stored encrypted and never returned again.
 */
export async function createChannel({ ctx, input }: { ctx: Ctx; input: CreateChannelInput }): Promise<ChannelWithSecret> {
  requireRole(ctx.actor, 'admin', 'manage notification channels');
  const data = createChannelInput.parse(input);
  const routing = { name: data.name, enabled: data.enabled, minSeverity: data.minSeverity, ruleKinds: data.ruleKinds, notifyResolved: data.notifyResolved, digestSeconds: data.digestSeconds };
  let generated: string | null = null;
  let row: Prisma.NotificationChannelCreateInput;
  if (data.kind === 'webhook') {
    generated = data.secret ? null : generateSigningSecret();
    row = { ...routing, kind: 'webhook', config: { url: data.url }, secret: encryptSecret(data.secret ?? generated ?? '') };
  } else {
    const config = { host: data.host, port: data.port, tls: data.tls, username: data.username || null, from: data.from, to: data.to };
    row = { ...routing, kind: 'email', config, secret: data.password ? encryptSecret(data.password) : null };
  }
  try {
    const channel = await ctx.db.notificationChannel.create({ data: row });
    await recordAuditEvent(ctx, { action: 'notification.channel.create', targetType: 'notification_channel', targetId: channel.name, outcome: 'success', details: { kind: channel.kind, target: data.kind === 'webhook' ? safeUrl(data.url) : `${data.host}:${data.port} → ${data.to.join(', ')}`, minSeverity: channel.minSeverity, ruleKinds: channel.ruleKinds } });
    return { channel: toChannelView(channel), signingSecret: generated };
  } catch (error) {
    if (isUniqueViolation(error)) throw DomainError.validation('A channel with this name exists.', { name: [`"${data.name}" is taken; choose another name.`] });
    throw error;
  }
}
