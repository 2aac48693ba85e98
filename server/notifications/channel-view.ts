import type { NotificationChannel } from '../db/generated/client';
import type { AlertRuleKind } from '../contracts/alerts';
import type { ChannelView } from '../contracts/notifications';
import { readEmailConfig, readWebhookConfig } from './channel-config';

export function toChannelView(channel: NotificationChannel, pendingDeliveries = 0): ChannelView {
  const healthy = !channel.lastFailureAt || (channel.lastSuccessAt !== null && channel.lastSuccessAt > channel.lastFailureAt);
  return {
    id: channel.id,
    name: channel.name,
    kind: channel.kind,
    enabled: channel.enabled,
    minSeverity: channel.minSeverity,
    ruleKinds: Array.isArray(channel.ruleKinds) ? (channel.ruleKinds as AlertRuleKind[]) : [],
    notifyResolved: channel.notifyResolved,
    digestSeconds: channel.digestSeconds,
    webhook: channel.kind === 'webhook' ? readWebhookConfig(channel) : null,
    email: channel.kind === 'email' ? readEmailConfig(channel) : null,
    secretSet: channel.secret !== null,
    lastSuccessAt: channel.lastSuccessAt?.toISOString() ?? null,
    lastFailureAt: channel.lastFailureAt?.toISOString() ?? null,
    lastError: channel.lastError,
    consecutiveFailures: channel.consecutiveFailures,
    healthy,
    pendingDeliveries,
    createdAt: channel.createdAt.toISOString(),
  };
}
