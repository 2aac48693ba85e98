import { z } from 'zod';
import type { Ctx } from '../context';
import {
  alertRuleSpecs,
  ruleParamsSchema,
  updateAlertRuleInput,
  type AlertRuleKind,
  type AlertRuleView,
  type UpdateAlertRuleInput,
} from '../contracts/alerts';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import { DomainError } from '../errors/domain-error';
import { listAlertRules } from './list-alert-rules';
import { loadRuleRows, toSetting } from './rule-settings';

/** An admin turns a rule on or off, changes its severity or its thresholds; audited with before and after. */
export async function updateAlertRule({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { kind: AlertRuleKind } & UpdateAlertRuleInput;
}): Promise<AlertRuleView> {
  requireRole(ctx.actor, 'admin', 'change alert rules');
  const { kind, ...rest } = input;
  const change = updateAlertRuleInput.parse(rest);
  const rows = await loadRuleRows(ctx.db);
  const before = toSetting(kind, rows.get(kind));
  const params =
    change.params === undefined ? before.params : parseParams(kind, { ...before.params, ...change.params });
  await ctx.db.alertRule.update({
    where: { kind },
    data: {
      enabled: change.enabled ?? before.enabled,
      severity: change.severity ?? before.severity,
      params,
      updatedBy: ctx.actor.name,
    },
  });
  await recordAuditEvent(ctx, {
    action: 'alert.rule.update',
    targetType: 'alert_rule',
    targetId: kind,
    outcome: 'success',
    details: { before: { ...before }, change: { ...change } },
  });
  const view = (await listAlertRules({ ctx })).find((r) => r.kind === kind);
  if (!view) throw DomainError.notFound('Alert rule', kind);
  return view;
}

function parseParams(kind: AlertRuleKind, values: Record<string, number>): Record<string, number> {
  const known = new Set(alertRuleSpecs[kind].params.map((p) => p.name));
  const unknown = Object.keys(values).filter((k) => !known.has(k));
  if (unknown.length)
    throw DomainError.validation(`The rule ${kind} has no threshold ${unknown.join(', ')}.`, {
      params: [known.size ? `Known thresholds: ${[...known].join(', ')}.` : 'This rule takes no thresholds.'],
    });
  const parsed = ruleParamsSchema(kind).safeParse(values);
  if (!parsed.success) throw DomainError.validation('Some thresholds are not valid.', prefixed(parsed.error));
  return parsed.data;
}

function prefixed(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) (fields[['params', ...issue.path].join('.')] ??= []).push(issue.message);
  return fields;
}
