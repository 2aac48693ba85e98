import type { Ctx } from '../context';
import type { RetentionApplyResult } from '../contracts/retention';
import type { Server } from '../db/generated/client';
import type { RunHandle } from '../runs/run-handle';
import { describeRetentionPolicy } from './policy';
import { deleteBackupCompletely, type DeletionHooks } from './delete-backup-completely';
import { deletionLock } from './retention-lock';
import { serverRetentionReport } from './server-retention';
import { obsoleteOldestFirst } from './retention-status';

// Barman's cron_retention_policy for one server: finish interrupted deletions (Barman deletes a
// backup with a delete_this annotation again), then delete what the policy finds OBSOLETE,
// oldest first. OBSOLETE* and kept backups are never deleted here. All of it under the server's
// deletion lock, so the report cannot go stale between deciding and deleting.

export type ApplyRetentionInput = {
  server: Server;
  root: string;
  /** Delete only these (a preview the user confirmed), if the policy still finds them OBSOLETE. */
  only?: readonly string[];
  /** How long to wait for another deletion of this server to finish; 0 skips when busy. */
  waitMs: number;
  now?: Date;
};

export type ApplyRetentionOutcome = ({ busy: false } & RetentionApplyResult) | { busy: true };

export async function applyRetention({ ctx, input, handle, hooks }: { ctx: Ctx; input: ApplyRetentionInput; handle?: RunHandle; hooks?: DeletionHooks }): Promise<ApplyRetentionOutcome> {
  const locked = await deletionLock(ctx, input.server.id, input.waitMs, () => applyLocked(ctx, input, handle, hooks));
  return locked.acquired ? { busy: false, ...locked.value } : { busy: true };
}

async function applyLocked(ctx: Ctx, input: ApplyRetentionInput, handle?: RunHandle, hooks?: DeletionHooks): Promise<RetentionApplyResult> {
  const { server, root } = input;
  const result: RetentionApplyResult = { deleted: [], skipped: [], walFilesRemoved: 0, walBytesRemoved: 0 };
  const note = async (message: string) => {
    ctx.log.info({ server: server.name }, message);
    await handle?.log('info', message);
  };
  const interrupted = await ctx.db.backup.findMany({ where: { serverId: server.id, deletingAt: { not: null } }, orderBy: { backupId: 'asc' } });
  for (const backup of interrupted) {
    await note(`finishing the interrupted deletion of backup ${backup.backupId}`);
    const done = await deleteBackupCompletely({ ctx, input: { serverName: server.name, backup, root, mode: 'retention', reason: 'an interrupted deletion, finished' }, hooks });
    record(result, done.backupId, done.wal);
  }
  const report = await serverRetentionReport(ctx, server, input.now);
  if (!report) return result;
  const wanted = input.only ? new Set(input.only) : null;
  for (const id of input.only ?? []) {
    if (report.verdicts.get(id)?.status !== 'OBSOLETE') result.skipped.push({ backupId: id, reason: `no longer OBSOLETE under ${describeRetentionPolicy(report.policy)} (${report.verdicts.get(id)?.status ?? 'gone'})` });
  }
  const obsolete = obsoleteOldestFirst(report).filter((id) => !wanted || wanted.has(id));
  for (const [i, backupId] of obsolete.entries()) {
    handle?.throwIfCancelled();
    handle?.progress(i, obsolete.length, backupId);
    const backup = await ctx.db.backup.findFirst({ where: { serverId: server.id, backupId, deletingAt: null } });
    if (!backup || backup.keep) {
      result.skipped.push({ backupId, reason: backup ? `kept (${backup.keep})` : 'already gone' });
      continue;
    }
    const reason = `${describeRetentionPolicy(report.policy)}: ${report.verdicts.get(backupId)?.reason ?? 'OBSOLETE'}`;
    await note(`deleting backup ${backupId}: ${reason}`);
    const done = await deleteBackupCompletely({ ctx, input: { serverName: server.name, backup, root, mode: 'retention', reason }, hooks });
    record(result, done.backupId, done.wal);
  }
  handle?.progress(obsolete.length, obsolete.length);
  return result;
}

function record(result: RetentionApplyResult, backupId: string, wal: { files: number; bytes: number }): void {
  result.deleted.push(backupId);
  result.walFilesRemoved += wal.files;
  result.walBytesRemoved += wal.bytes;
}
