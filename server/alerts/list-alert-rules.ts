import type { Ctx } from '../context';
import { alertRuleKinds, alertRuleSpecs, type AlertRuleView } from '../contracts/alerts';
import { loadRuleRows, toSetting } from './rule-settings';

/** Every rule with what it watches, whether it is on, its severity and its thresholds. */
export async function listAlertRules({ ctx }: { ctx: Ctx }): Promise<AlertRuleView[]> {
  const rows = await loadRuleRows(ctx.db);
  return alertRuleKinds.map((kind) => {
    const row = rows.get(kind);
    const setting = toSetting(kind, row);
    return {
      ...alertRuleSpecs[kind],
      enabled: setting.enabled,
      severity: setting.severity,
      values: setting.params,
      updatedAt: row?.updatedAt.toISOString() ?? null,
      updatedBy: row?.updatedBy ?? null,
    };
  });
}
