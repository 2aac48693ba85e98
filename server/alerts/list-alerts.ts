import type { Ctx } from '../context';
import type { Prisma } from '../db/generated/client';
import { listAlertsQuery, type AlertList, type AlertState, type ListAlertsQuery } from '../contracts/alerts';
import { findServer } from '../servers/find-server';
import { toAlertView } from './alert-view';

const stateWhere: Record<AlertState, Prisma.AlertWhereInput> = {
  open: { resolvedAt: null },
  unacknowledged: { resolvedAt: null, acknowledgedAt: null },
  acknowledged: { resolvedAt: null, acknowledgedAt: { not: null } },
  resolved: { resolvedAt: { not: null } },
  all: {},
};

/**
 * Alerts by state, newest first; open ones with the most severe first. The history (resolved)
 * keeps every alert ever opened, with how and when it ended.
 */
export async function listAlerts({ ctx, input }: { ctx: Ctx; input: ListAlertsQuery }): Promise<AlertList> {
  const query = listAlertsQuery.parse(input);
  const server = query.server ? await findServer(ctx, query.server) : null;
  const where: Prisma.AlertWhereInput = {
    ...(query.id ? { id: query.id } : stateWhere[query.state]),
    ...(server ? { serverId: server.id } : {}),
    ...(query.severity ? { severity: query.severity } : {}),
    ...(query.rule ? { ruleKind: query.rule } : {}),
  };
  const current = query.state !== 'resolved' && query.state !== 'all';
  const orderBy: Prisma.AlertOrderByWithRelationInput[] = current
    ? [{ severity: 'desc' }, { openedAt: 'desc' }, { id: 'desc' }]
    : [{ openedAt: 'desc' }, { id: 'desc' }];
  const rows = await ctx.db.alert.findMany({
    where,
    include: { server: { select: { name: true } } },
    orderBy,
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, query.limit);
  return {
    alerts: page.map(toAlertView),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
