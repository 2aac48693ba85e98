import { rename, rm } from 'node:fs/promises';
import type { Ctx } from '../context';
import type { Backup } from '../db/generated/client';
import { recordAuditEvent } from '../audit/record-audit-event';
import { fsyncDirectory } from '../repository/atomic-write';
import { backupPaths, baseDir } from '../backup/backup-layout';
import { pruneWal, type PruneResult } from './prune-wal';
import { planWalRemoval, type WalBackup } from './wal-removal';

// Deleting a backup with the WAL that only it needed, in an order that a kill at any point
// leaves resumable and never leaves a remaining backup without its WAL (Barman's delete with
// its delete_this annotation, made crash-safe):
//   1. the catalog row is marked (deletingAt): from here on nobody restores from it, counts it
//      as remaining, or reuses its files, and maintenance finishes the deletion if we die;
//   2. base/<id> is renamed to base/.<id>.deleting, so the repository no longer shows it whole;
//   3. the WAL no remaining backup needs goes (catalog rows, then files, oldest first): the plan
//      is made from the backups that remain, so it cannot touch WAL one of them needs;
//   4. the renamed directory goes;
//   5. the row goes, in one transaction with the audit event.
// The caller holds the server's deletion lock (deletionLock in retention-lock.ts).

export type DeletionMode = 'retention' | 'manual';
export type DeletionStep = 'marked' | 'renamed' | 'wal' | 'files';
export type DeletionHooks = { afterStep?: (step: DeletionStep) => Promise<void> };
export type DeletionResult = { backupId: string; wal: PruneResult };

export async function deleteBackupCompletely({
  ctx,
  input,
  hooks = {},
}: {
  ctx: Ctx;
  input: { serverName: string; backup: Backup; root: string; mode: DeletionMode; reason: string };
  hooks?: DeletionHooks;
}): Promise<DeletionResult> {
  const { backup, root, serverName } = input;
  const mode = (backup.deletingMode as DeletionMode | null) ?? input.mode;
  if (!backup.deletingAt) await ctx.db.backup.update({ where: { id: backup.id }, data: { deletingAt: new Date(), deletingMode: mode } });
  await hooks.afterStep?.('marked');

  const paths = backupPaths(root, serverName, backup.backupId);
  const moved = await rename(paths.dir, paths.deletingDir).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      // Gone already (a resumed deletion), or never written (a FAILED backup).
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  if (moved) await fsyncDirectory(baseDir(root, serverName));
  await hooks.afterStep?.('renamed');

  const plan = planWalRemoval(await walBackupsOf(ctx, backup), backup.backupId, mode);
  const wal = await pruneWal({ ctx, input: { serverId: backup.serverId, serverName, root, plan } });
  await hooks.afterStep?.('wal');

  await rm(paths.deletingDir, { recursive: true, force: true });
  await hooks.afterStep?.('files');

  await ctx.db.$transaction(async (tx) => {
    await tx.backup.delete({ where: { id: backup.id } });
    await recordAuditEvent(
      { ...ctx, db: tx },
      {
        action: 'backup.delete',
        targetType: 'backup',
        targetId: `${serverName}/${backup.backupId}`,
        outcome: 'success',
        details: {
          mode,
          reason: input.reason,
          status: backup.status,
          size: backup.size === null ? null : Number(backup.size),
          storedSize: backup.deduplicatedSize === null ? null : Number(backup.deduplicatedSize),
          walFiles: wal.files,
          walBytes: wal.bytes,
          walRange: wal.first ? [wal.first, wal.last] : null,
          ...(plan.remove ? {} : { walKept: plan.reason }),
        },
      },
    );
  });
  ctx.log.info({ backup: backup.backupId, server: serverName, mode, walFiles: wal.files }, 'backup deleted');
  return { backupId: backup.backupId, wal };
}

/** The server's backups for the WAL plan: the one being deleted, and those not being deleted. */
async function walBackupsOf(ctx: Ctx, deleted: Backup): Promise<WalBackup[]> {
  return ctx.db.backup.findMany({
    where: { serverId: deleted.serverId, OR: [{ deletingAt: null }, { id: deleted.id }] },
    select: { backupId: true, status: true, keep: true, timeline: true, beginWal: true, endWal: true },
  });
}
