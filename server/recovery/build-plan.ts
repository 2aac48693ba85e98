import type { Ctx } from '../context';
import type { PlanRestoreInput, RecoveryTarget, RestorePlanView } from '../contracts/recovery';
import { planRestoreInput } from '../contracts/recovery';
import type { Server } from '../db/generated/client';
import { findBackup } from '../backup/find-backup';
import { formatLsn } from '../pg/lsn';
import { walSegmentName } from '../pg/wal-name';
import { loadArchiveFacts, type ArchiveFacts } from './archive-facts';
import { describeReachable, planTarget, type TargetPlan } from './plan-target';
import { recoverySettings } from './recovery-settings';

/** The plan of a restore and its view: what the plan endpoint returns and what restore.run executes. */
export async function buildPlan(ctx: Ctx, server: Server, root: string, raw: PlanRestoreInput): Promise<{ plan: TargetPlan; view: RestorePlanView; facts: ArchiveFacts }> {
  // A restore request carries more than the plan needs; only the plan's fields are read here.
  const input = planRestoreInput.parse({ target: raw.target, timeline: raw.timeline, inclusive: raw.inclusive, action: raw.action, backup: raw.backup });
  const facts = await loadArchiveFacts(ctx, server, root);
  const { backup: ref, ...target } = input;
  let plan: TargetPlan;
  if (ref === 'auto') plan = planTarget(facts, target, null);
  else {
    const { backup } = await findBackup(ctx, server.name, ref);
    const fact = facts.backups.find((b) => b.uuid === backup.id);
    plan = fact
      ? planTarget(facts, target, fact)
      : {
          ok: false, timeline: null, chain: [], reach: null, reason: '', stop: null, wal: [], messages: [],
          problems: [{ code: 'backup_unusable', message: backup.deletingAt ? `Backup ${backup.backupId} is being deleted: choose another backup.` : `Backup ${backup.backupId} is ${backup.status}: only a DONE (or WAITING_FOR_WALS) backup can be restored.` }],
          reachable: facts.backups.length ? describeReachable(facts, facts.backups[0]?.timeline ?? 1) : [],
        };
  }
  return { plan, view: toPlanView(facts, target, plan), facts };
}

function toPlanView(facts: ArchiveFacts, target: RecoveryTarget, plan: TargetPlan): RestorePlanView {
  const b = plan.reach?.backup;
  const first = plan.wal[0];
  const last = plan.wal.at(-1);
  return {
    ok: plan.ok,
    serverName: facts.serverName,
    target: { target: target.target, timeline: target.timeline, inclusive: target.inclusive, action: target.action },
    timeline: { requested: target.timeline, resolved: plan.timeline },
    backup: b && plan.ok ? { backupId: b.backupId, name: b.name, timeline: b.timeline, endLsn: formatLsn(b.endLsn), endTime: b.endTime.toISOString(), reason: plan.reason } : null,
    stop: plan.stop
      ? {
          segment: walSegmentName({ timeline: plan.wal.find((s) => s.segno === plan.stop?.seg)?.timeline ?? plan.timeline ?? 1, segno: plan.stop.seg }, facts.segmentSize),
          lsn: plan.stop.lsn === null ? null : formatLsn(plan.stop.lsn),
          time: plan.stop.time?.toISOString() ?? null,
          description: plan.stop.description,
        }
      : null,
    wal: first && last ? { first: first.name, last: last.name, segments: plan.wal.length, bytes: plan.wal.reduce((n, s) => n + s.size, 0), historyFiles: facts.historyFiles } : null,
    recoverySettings: plan.ok ? recoverySettings(target) : {},
    messages: plan.messages,
    problems: plan.problems,
    reachable: plan.reachable,
  };
}
