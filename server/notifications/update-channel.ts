import type { Ctx } from '../context';
import type { NotificationChannel, Prisma } from '../db/generated/client';
import { updateChannelInput, type ChannelWithSecret, type UpdateChannelInput } from '../contracts/notifications';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';
import { isUniqueViolation } from '../db/errors';
import { encryptSecret } from '../secrets/secret-box';
import { readEmailConfig, readWebhookConfig } from './channel-config';
import { toChannelView } from './channel-view';
import { generateSigningSecret } from './create-channel';

const webhookOnly = ['url', 'rotateSecret', 'secret'] as const;
const emailOnly = ['host', 'port', 'tls', 'username', 'password', 'from', 'to'] as const;

/** Changes a channel; a rotated signing secret is shown once in the answer. Audited by field name. */
export async function updateChannel({ ctx, input }: { ctx: Ctx; input: { id: string } & UpdateChannelInput }): Promise<ChannelWithSecret> {
  requireRole(ctx.actor, 'admin', 'manage notification channels');
  const { id, ...rest } = input;
  const change = updateChannelInput.parse(rest);
  const channel = await ctx.db.notificationChannel.findUnique({ where: { id } });
  if (!channel) throw DomainError.notFound('Notification channel', id);
  const foreign = (channel.kind === 'webhook' ? emailOnly : webhookOnly).filter((k) => change[k] !== undefined);
  if (foreign.length)
    throw DomainError.validation(`A ${channel.kind} channel has no ${foreign.join(', ')}.`, Object.fromEntries(foreign.map((k) => [k, [`Not a setting of a ${channel.kind} channel.`]])));
  const { data, signingSecret } = channel.kind === 'webhook' ? webhookChange(channel, change) : { data: emailChange(channel, change), signingSecret: null };
  const routing = { name: change.name, enabled: change.enabled, minSeverity: change.minSeverity, ruleKinds: change.ruleKinds, notifyResolved: change.notifyResolved, digestSeconds: change.digestSeconds };
  try {
    const updated = await ctx.db.notificationChannel.update({ where: { id }, data: { ...routing, ...data } });
    const changed = Object.keys(change).filter((k) => change[k as keyof typeof change] !== undefined);
    await recordAuditEvent(ctx, { action: 'notification.channel.update', targetType: 'notification_channel', targetId: updated.name, outcome: 'success', details: { changed, previousName: channel.name } });
    return { channel: toChannelView(updated), signingSecret };
  } catch (error) {
    if (isUniqueViolation(error)) throw DomainError.validation('A channel with this name exists.', { name: [`"${change.name ?? ''}" is taken; choose another name.`] });
    throw error;
  }
}

type Change = ReturnType<typeof updateChannelInput.parse>;

function webhookChange(channel: NotificationChannel, change: Change): { data: Prisma.NotificationChannelUpdateInput; signingSecret: string | null } {
  const data: Prisma.NotificationChannelUpdateInput = {};
  if (change.url) data.config = { ...readWebhookConfig(channel), url: change.url };
  const generated = change.rotateSecret && !change.secret ? generateSigningSecret() : null;
  const secret = change.secret ?? generated;
  if (secret) data.secret = encryptSecret(secret);
  return { data, signingSecret: generated };
}

function emailChange(channel: NotificationChannel, change: Change): Prisma.NotificationChannelUpdateInput {
  const config = readEmailConfig(channel);
  const next = {
    host: change.host ?? config.host,
    port: change.port ?? config.port,
    tls: change.tls ?? config.tls,
    username: change.username === undefined ? config.username : change.username || null,
    from: change.from ?? config.from,
    to: change.to ?? config.to,
  };
  return {
    config: next,
    ...(change.password === undefined ? {} : { secret: change.password ? encryptSecret(change.password) : null }),
  };
}
