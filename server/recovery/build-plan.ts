import type { Ctx } from '../context';
import type { PlanRestoreInput, RecoveryTarget, RestorePlanView } from '../contracts/recovery';
import { planRestoreInput } from '../contracts/recovery';
import type { Server } from '../db/generated/client';
import { findBackup } from '../backup/find-backup';
import { formatLsn } from '../pg/lsn';
import { expandSpans, loadArchiveFacts, type ArchiveFacts } from './archive-facts';
import { segmentName } from './archive-reach';
import { findXidEnds } from './find-xid-ends';
import { describeReachable, planTarget, type TargetPlan } from './plan-target';
import { recoverySettings } from './recovery-settings';

/** The plan of a restore and its view: what the plan endpoint returns and what restore.run executes. */
export async function buildPlan(ctx: Ctx, server: Server, root: string, raw: PlanRestoreInput): Promise<{ plan: TargetPlan; view: RestorePlanView; facts: ArchiveFacts }> {
  // A restore request carries more than the plan needs; only the plan's fields are read here.
  const input = planRestoreInput.parse({ target: raw.target, timeline: raw.timeline, inclusive: raw.inclusive, action: raw.action, backup: raw.backup });
  const facts = await loadArchiveFacts(ctx, server, root);
  const { backup: ref, ...target } = input;
  let explicit = null;
  if (ref !== 'auto') {
    const { backup } = await findBackup(ctx, server.name, ref);
    explicit = facts.backups.find((b) => b.uuid === backup.id) ?? null;
    if (!explicit) {
      const plan: TargetPlan = {
        ok: false, timeline: null, chain: [], reach: null, reason: '', stop: null, wal: null, messages: [],
        problems: [{ code: 'backup_unusable', message: backup.deletingAt ? `Backup ${backup.backupId} is being deleted: choose another backup.` : `Backup ${backup.backupId} is ${backup.status}: only a DONE (or WAITING_FOR_WALS) backup can be restored.` }],
        reachable: facts.backups.length ? describeReachable(facts, facts.backups[0]?.timeline ?? 1) : [],
      };
      return { plan, view: toPlanView(facts, target, plan), facts };
    }
  }
  const plan = await planExactly(ctx, server, root, facts, target, explicit);
  return { plan, view: toPlanView(facts, target, plan), facts };
}

/** Plans, giving the planner the detail it asks for (a block's segments, an xid's records) until it answers. */
async function planExactly(ctx: Ctx, server: Server, root: string, facts: ArchiveFacts, target: RecoveryTarget, explicit: Parameters<typeof planTarget>[2]): Promise<TargetPlan> {
  for (let round = 0; ; round++) {
    const result = planTarget(facts, target, explicit);
    if (!('needs' in result)) return result;
    if (round >= 4) throw new Error('The recovery planner kept asking for more detail; this is a bug.');
    const needs = result.needs;
    if ('expand' in needs) await expandSpans(ctx, facts, needs.expand);
    else facts.xidEnds = { xid: needs.xidEnds.xid, ends: await findXidEnds(ctx, server, root, needs.xidEnds.xid, needs.xidEnds.candidates) };
  }
}

function toPlanView(facts: ArchiveFacts, target: RecoveryTarget, plan: TargetPlan): RestorePlanView {
  const b = plan.reach?.backup;
  return {
    ok: plan.ok,
    serverName: facts.serverName,
    target: { target: target.target, timeline: target.timeline, inclusive: target.inclusive, action: target.action },
    timeline: { requested: target.timeline, resolved: plan.timeline },
    backup: b && plan.ok ? { backupId: b.backupId, name: b.name, timeline: b.timeline, endLsn: formatLsn(b.endLsn), endTime: b.endTime.toISOString(), reason: plan.reason } : null,
    stop: plan.stop
      ? {
          segment: segmentName(facts, plan.chain, plan.stop.seg),
          lsn: plan.stop.lsn === null ? null : formatLsn(plan.stop.lsn),
          time: plan.stop.time?.toISOString() ?? null,
          description: plan.stop.description,
        }
      : null,
    wal: plan.wal ? { first: plan.wal.first, last: plan.wal.last, segments: plan.wal.segments, bytes: plan.wal.bytes, historyFiles: facts.historyFiles } : null,
    recoverySettings: plan.ok ? recoverySettings(target) : {},
    messages: plan.messages,
    problems: plan.problems,
    reachable: plan.reachable,
  };
}
