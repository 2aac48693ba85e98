import type { Ctx } from '../context';
import { acknowledgeAlertInput, type AcknowledgeAlertInput, type AlertView } from '../contracts/alerts';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';
import { toAlertView } from './alert-view';

/**
 * Someone is on it: the alert stays open (it resolves only when its condition clears) but is
 * marked acknowledged, with who, when and why, and the action is audited.
 */
export async function acknowledgeAlert({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { id: string } & AcknowledgeAlertInput;
}): Promise<AlertView> {
  requireRole(ctx.actor, 'operator', 'acknowledge alerts');
  const { comment } = acknowledgeAlertInput.parse({ comment: input.comment });
  const alert = await ctx.db.alert.findUnique({ where: { id: input.id } });
  if (!alert) throw DomainError.notFound('Alert', input.id);
  if (alert.resolvedAt)
    throw new DomainError(
      'conflict',
      `This alert resolved on its own at ${alert.resolvedAt.toISOString()} (${alert.resolution ?? 'condition cleared'}); there is nothing left to acknowledge.`,
    );
  if (alert.acknowledgedAt)
    throw new DomainError(
      'conflict',
      `${alert.acknowledgedBy ?? 'Someone'} already acknowledged this alert at ${alert.acknowledgedAt.toISOString()}: "${alert.ackComment ?? ''}".`,
    );
  // The conditional update settles a race between two people acknowledging at once.
  const done = await ctx.db.alert.updateMany({
    where: { id: alert.id, resolvedAt: null, acknowledgedAt: null },
    data: { acknowledgedAt: new Date(), acknowledgedBy: ctx.actor.name, ackComment: comment },
  });
  if (done.count !== 1)
    throw new DomainError(
      'conflict',
      'The alert changed meanwhile (acknowledged by someone else, or resolved). Reload it.',
    );
  await recordAuditEvent(ctx, {
    action: 'alert.acknowledge',
    targetType: 'alert',
    targetId: alert.id,
    outcome: 'success',
    details: { title: alert.title, comment },
  });
  const updated = await ctx.db.alert.findUniqueOrThrow({
    where: { id: alert.id },
    include: { server: { select: { name: true } } },
  });
  return toAlertView(updated);
}
