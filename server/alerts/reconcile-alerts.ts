import type { Tx } from '../db/client';
import type { Alert, Prisma } from '../db/generated/client';
import { alertRuleSpecs } from '../contracts/alerts';
import type { Finding, RuleSettings } from './types';

export type ReconcileInput = {
  findings: Finding[];
  /** Open alerts this evaluation speaks for; the others are left exactly as they are. */
  inScope: (alert: Alert) => boolean;
  /** Why an open alert in scope without a finding resolves. */
  resolutionFor: (alert: Alert) => string;
  settings: RuleSettings;
  now: Date;
};

export type ReconcileResult = { opened: Alert[]; resolved: Alert[]; stillOpen: number };

/**
 * Open alerts meet the findings: a finding with an open alert refreshes it (last seen, summary,
 * severity), one without opens an alert, and an open alert in scope without a finding resolves.
 * Runs inside the caller's transaction, which holds the evaluation lock.
 */
export async function reconcileAlerts(tx: Tx, input: ReconcileInput): Promise<ReconcileResult> {
  const open = await tx.alert.findMany({ where: { resolvedAt: null } });
  const byKey = new Map(open.map((a) => [keyOf(a.ruleKind, a.subjectKey), a]));
  const seen = new Set<string>();
  const opened: Alert[] = [];
  for (const finding of dedupe(input.findings)) {
    const key = keyOf(finding.rule, finding.subjectKey);
    seen.add(key);
    const existing = byKey.get(key);
    const severity = input.settings[finding.rule].severity;
    const details = (finding.details ?? {}) as Prisma.InputJsonObject;
    if (existing) {
      await tx.alert.update({
        where: { id: existing.id },
        data: {
          lastSeenAt: input.now,
          summary: finding.summary,
          details,
          severity,
          subject: finding.subject,
        },
      });
      continue;
    }
    const title = `${alertRuleSpecs[finding.rule].title}: ${finding.subject}`;
    opened.push(
      await tx.alert.create({
        data: {
          ruleKind: finding.rule,
          subjectKey: finding.subjectKey,
          subject: finding.subject,
          serverId: finding.serverId,
          severity,
          title,
          summary: finding.summary,
          details,
          openedAt: input.now,
          lastSeenAt: input.now,
        },
      }),
    );
  }
  const resolved: Alert[] = [];
  for (const alert of open) {
    if (seen.has(keyOf(alert.ruleKind, alert.subjectKey)) || !input.inScope(alert)) continue;
    resolved.push(
      await tx.alert.update({
        where: { id: alert.id },
        data: { resolvedAt: input.now, resolution: input.resolutionFor(alert) },
      }),
    );
  }
  return { opened, resolved, stillOpen: open.length - resolved.length + opened.length };
}

function keyOf(rule: string, subjectKey: string): string {
  return `${rule}\u0000${subjectKey}`;
}

function dedupe(findings: Finding[]): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const f of findings) byKey.set(keyOf(f.rule, f.subjectKey), f);
  return [...byKey.values()];
}
