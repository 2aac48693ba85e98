import type { Alert } from '../db/generated/client';
import type { AlertView } from '../contracts/alerts';

export function toAlertView(alert: Alert & { server?: { name: string } | null }): AlertView {
  return {
    id: alert.id,
    rule: alert.ruleKind,
    severity: alert.severity,
    title: alert.title,
    summary: alert.summary,
    subject: alert.subject,
    serverName: alert.server?.name ?? null,
    details: (alert.details as Record<string, unknown> | null) ?? null,
    openedAt: alert.openedAt.toISOString(),
    lastSeenAt: alert.lastSeenAt.toISOString(),
    resolvedAt: alert.resolvedAt?.toISOString() ?? null,
    resolution: alert.resolution,
    acknowledgedAt: alert.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: alert.acknowledgedBy,
    ackComment: alert.ackComment,
  };
}
