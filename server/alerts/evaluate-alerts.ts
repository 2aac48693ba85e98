import { z } from 'zod';
import type { Ctx } from '../context';
import type { Alert } from '../db/generated/client';
import { alertRuleSpecs, type AlertRuleKind } from '../contracts/alerts';
import { repositoryRoot } from '../repository/repository-root';
import { gatherGlobalFacts } from './gather-global-facts';
import { gatherServerFacts } from './gather-server-facts';
import { queueNotifications } from './queue-notifications';
import { reconcileAlerts } from './reconcile-alerts';
import { loadRuleSettings } from './rule-settings';
import { evaluateGlobalRules, evaluateServerRules } from './rules/evaluate-rules';
import type { Finding, GlobalFacts, RuleSettings } from './types';

const evaluateAlertsInput = z
  .object({
    /** Only this server's rules (after one of its runs, a WAL conflict); all rules when absent. */
    serverId: z.string().uuid().optional(),
    /** What prompted the evaluation, for the log: "maintenance", "run backup.run", "wal conflict". */
    reason: z.string().max(200).default('maintenance'),
    now: z.date().optional(),
    repositoryRoot: z.string().min(1).optional(),
  })
  .strict();
export type EvaluateAlertsInput = z.input<typeof evaluateAlertsInput>;

export type EvaluateAlertsResult = {
  opened: number;
  resolved: number;
  open: number;
  notifications: number;
  failures: { server: string; error: string }[];
};

// Evaluations (periodic, and after events in any web or worker process) take turns: two never
// decide about the same open alert at once.
const evaluationLock = 'cellar.alerts.evaluate';

/**
 * The one way alerts change on their own: gather facts, evaluate every enabled rule, then open,
 * refresh and resolve alerts and queue their notifications in one transaction. A server whose
 * facts cannot be read keeps its alerts as they are.
 */
export async function evaluateAlerts({
  ctx,
  input,
}: {
  ctx: Ctx;
  input?: EvaluateAlertsInput;
}): Promise<EvaluateAlertsResult> {
  const {
    serverId,
    reason,
    now = new Date(),
    repositoryRoot: root = repositoryRoot(),
  } = evaluateAlertsInput.parse(input ?? {});
  const settings = await loadRuleSettings(ctx.db);
  const servers = await ctx.db.server.findMany({
    where: serverId ? { id: serverId } : {},
    orderBy: { name: 'asc' },
  });
  const findings: Finding[] = [];
  const failures: EvaluateAlertsResult['failures'] = [];
  const unreadable = new Set<string>();
  for (const server of servers.filter((s) => s.enabled)) {
    try {
      findings.push(...evaluateServerRules(await gatherServerFacts(ctx.db, server, root), settings, now));
    } catch (error) {
      unreadable.add(server.id);
      failures.push({ server: server.name, error: error instanceof Error ? error.message : String(error) });
    }
  }
  const global = serverId === undefined ? await gatherGlobalFacts(ctx.db, root, settings, now) : null;
  if (global) findings.push(...evaluateGlobalRules(global, settings));
  const disabled = new Set(servers.filter((s) => !s.enabled).map((s) => s.id));
  const result = await ctx.db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${evaluationLock}))`;
      const reconciled = await reconcileAlerts(tx, {
        findings,
        inScope: scopeOf({ serverId, global, unreadable }),
        resolutionFor: (alert) => resolutionOf(alert, settings, disabled),
        settings,
        now,
      });
      const events = [
        ...reconciled.opened.map((alert) => ({ alert, event: 'opened' as const })),
        ...reconciled.resolved.map((alert) => ({ alert, event: 'resolved' as const })),
      ];
      return { ...reconciled, notifications: await queueNotifications(tx, events, now) };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
  if (result.opened.length || result.resolved.length || failures.length)
    ctx.log.info(
      {
        reason,
        opened: result.opened.map((a) => a.title),
        resolved: result.resolved.map((a) => a.title),
        failures,
      },
      'alerts evaluated',
    );
  return {
    opened: result.opened.length,
    resolved: result.resolved.length,
    open: result.stillOpen,
    notifications: result.notifications,
    failures,
  };
}

function isServerRule(kind: string): boolean {
  return alertRuleSpecs[kind as AlertRuleKind]?.scope === 'server';
}

function scopeOf(args: {
  serverId?: string;
  global: GlobalFacts | null;
  unreadable: Set<string>;
}): (alert: Alert) => boolean {
  return (alert) => {
    if (isServerRule(alert.ruleKind)) {
      // A removed server's alerts (server id now null) resolve in a full evaluation.
      if (alert.serverId === null) return args.serverId === undefined;
      if (args.unreadable.has(alert.serverId)) return false;
      return args.serverId === undefined || alert.serverId === args.serverId;
    }
    if (!args.global) return false;
    // Without a measurement of the file system, its alerts stay as they were.
    if (alert.ruleKind.startsWith('repository_') && !args.global.space) return false;
    // A rule kind this version no longer knows is resolved by the full evaluation.
    return true;
  };
}

function resolutionOf(alert: Alert, settings: RuleSettings, disabled: Set<string>): string {
  const setting = settings[alert.ruleKind as AlertRuleKind] as RuleSettings[AlertRuleKind] | undefined;
  if (!setting) return 'rule no longer exists';
  if (!setting.enabled) return 'rule turned off';
  if (isServerRule(alert.ruleKind) && alert.serverId === null) return 'server removed';
  if (alert.serverId && disabled.has(alert.serverId)) return 'server disabled';
  return 'condition cleared';
}
