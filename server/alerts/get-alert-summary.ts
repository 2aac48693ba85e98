import type { Ctx } from '../context';
import { alertSeverities, type AlertSummary } from '../contracts/alerts';

/** Open alerts by severity and how many nobody acknowledged yet: the navigation badge. */
export async function getAlertSummary({ ctx }: { ctx: Ctx }): Promise<AlertSummary> {
  const groups = await ctx.db.alert.groupBy({
    by: ['severity', 'acknowledgedAt'],
    where: { resolvedAt: null },
    _count: { _all: true },
  });
  const bySeverity = Object.fromEntries(alertSeverities.map((s) => [s, 0])) as AlertSummary['bySeverity'];
  let open = 0;
  let unacknowledged = 0;
  for (const g of groups) {
    bySeverity[g.severity] += g._count._all;
    open += g._count._all;
    if (g.acknowledgedAt === null) unacknowledged += g._count._all;
  }
  return { open, unacknowledged, bySeverity };
}
