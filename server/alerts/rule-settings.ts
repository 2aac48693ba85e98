import type { Db, Tx } from '../db/client';
import type { AlertRule } from '../db/generated/client';
import { alertRuleKinds, alertRuleSpecs, ruleParamsSchema, type AlertRuleKind } from '../contracts/alerts';
import type { RuleSetting, RuleSettings } from './types';

/**
 * Every rule's row, created with its defaults the first time it is read: a rule added in a later
 * version starts enabled with its default severity, and rows stay editable by an admin.
 */
export async function loadRuleRows(db: Db | Tx): Promise<Map<AlertRuleKind, AlertRule>> {
  await db.alertRule.createMany({
    data: alertRuleKinds.map((kind) => ({ kind, severity: alertRuleSpecs[kind].defaultSeverity })),
    skipDuplicates: true,
  });
  const rows = await db.alertRule.findMany({ where: { kind: { in: [...alertRuleKinds] } } });
  return new Map(rows.map((r) => [r.kind as AlertRuleKind, r]));
}

export async function loadRuleSettings(db: Db | Tx): Promise<RuleSettings> {
  const rows = await loadRuleRows(db);
  return Object.fromEntries(
    alertRuleKinds.map((kind) => [kind, toSetting(kind, rows.get(kind))]),
  ) as RuleSettings;
}

/** Stored params are re-validated: a row edited by hand falls back to the defaults, never crashes evaluation. */
export function toSetting(kind: AlertRuleKind, row: AlertRule | undefined): RuleSetting {
  const schema = ruleParamsSchema(kind);
  const parsed = schema.safeParse(row?.params ?? {});
  return {
    enabled: row?.enabled ?? true,
    severity: row?.severity ?? alertRuleSpecs[kind].defaultSeverity,
    params: parsed.success ? parsed.data : schema.parse({}),
  };
}
