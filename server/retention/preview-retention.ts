import type { Ctx } from '../context';
import type { RetentionBackupView, RetentionPreview, RetentionStatus } from '../contracts/retention';
import { findServer } from '../servers/find-server';
import { describeRetentionPolicy } from './policy';
import { keepStatus, obsoleteOldestFirst } from './retention-status';
import { serverRetentionReport } from './server-retention';
import { planWalRemoval, walFilesToRemove, type WalBackup, type WalRemovalPlan } from './wal-removal';

/**
 * The dry run of retention: every backup with its status and the reason, what applying the
 * policy now deletes (and resumes deleting), and the WAL that goes with it, found by playing the
 * deletions in the order the apply makes them.
 */
export async function previewRetention({ ctx, input }: { ctx: Ctx; input: { server: string; now?: Date } }): Promise<RetentionPreview> {
  const now = input.now ?? new Date();
  const server = await findServer(ctx, input.server);
  const report = await serverRetentionReport(ctx, server, now);
  const rows = await ctx.db.backup.findMany({ where: { serverId: server.id }, orderBy: { backupId: 'desc' } });
  const resumed = rows.filter((b) => b.deletingAt !== null).map((b) => b.backupId).reverse();
  const toDelete = [...resumed, ...(report ? obsoleteOldestFirst(report) : [])];
  const backups: RetentionBackupView[] = rows.map((b) => {
    const verdict = report?.verdicts.get(b.backupId);
    const status: RetentionStatus | null = report ? (verdict?.status ?? keepStatus(b.keep) ?? '-') : null;
    const deleting = b.deletingAt !== null;
    return {
      backupId: b.backupId,
      name: b.name,
      status: b.status,
      endTime: b.endTime?.toISOString() ?? null,
      keep: b.keep,
      storedSize: b.storedSize === null ? null : Number(b.storedSize),
      deduplicatedSize: b.deduplicatedSize === null ? null : Number(b.deduplicatedSize),
      retentionStatus: deleting ? 'OBSOLETE' : status,
      reason: deleting ? 'an interrupted deletion: the next retention pass finishes it' : (verdict?.reason ?? 'no retention policy: not enforced'),
      action: deleting ? 'resume-delete' : toDelete.includes(b.backupId) ? 'delete' : 'keep',
    };
  });
  return {
    server: server.name,
    policy: report ? describeRetentionPolicy(report.policy) : null,
    minimumRedundancy: server.minimumRedundancy,
    raisedTo: report?.raisedTo ?? null,
    pointOfRecoverability: report?.pointOfRecoverability?.toISOString() ?? null,
    at: now.toISOString(),
    backups,
    toDelete,
    wal: await walPreview(ctx, server.id, rows, toDelete),
  };
}

async function walPreview(ctx: Ctx, serverId: string, rows: (WalBackup & { deletingAt: Date | null; deletingMode: string | null })[], toDelete: readonly string[]): Promise<RetentionPreview['wal']> {
  // As the apply does it: each deletion planned against the backups still remaining then.
  let remaining: WalBackup[] = rows.filter((b) => b.deletingAt === null);
  const plans: WalRemovalPlan[] = [];
  for (const id of toDelete) {
    const deleted = rows.find((b) => b.backupId === id);
    if (!deleted) continue;
    plans.push(planWalRemoval([...remaining.filter((b) => b.backupId !== id), deleted], id, deleted.deletingMode === 'manual' ? 'manual' : 'retention'));
    remaining = remaining.filter((b) => b.backupId !== id);
  }
  const bounds = plans.flatMap((p) => (p.remove ? [p.keepFrom] : []));
  if (!bounds.length) return { files: 0, bytes: 0, first: null, last: null };
  const highest = bounds.reduce((a, b) => (a > b ? a : b));
  const files = await ctx.db.walSegment.findMany({
    where: { serverId, name: { lt: highest }, kind: { not: 'history' } },
    select: { name: true, kind: true, timeline: true, storedSize: true },
  });
  const removed = new Map<string, bigint>();
  for (const plan of plans) for (const f of walFilesToRemove(plan, files)) removed.set(f.name, f.storedSize);
  const names = [...removed.keys()].sort();
  return { files: names.length, bytes: Number([...removed.values()].reduce((a, b) => a + b, 0n)), first: names[0] ?? null, last: names.at(-1) ?? null };
}
