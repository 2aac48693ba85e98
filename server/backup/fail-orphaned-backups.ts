import { access, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/client';
import type { Logger } from '../log/logger';
import { backupPaths } from './backup-layout';
import { backupRecordFile, readBackupRecord } from './backup-record';
import { backupRowOf } from './backup-row';

/**
 * A backup left STARTED by a run that is no longer running lost its worker (killed, host gone;
 * the reconciler failed the run). Its partial directory is removed and the backup marked FAILED.
 * Exception: a worker that died between the rename that completes a backup and the catalog
 * update leaves a whole backup behind, which is adopted from its backup.json instead.
 */
export async function failOrphanedBackups(db: Db, root: string, logger: Logger): Promise<{ failed: string[]; adopted: string[] }> {
  const orphans = await db.backup.findMany({
    where: { status: { in: ['STARTED', 'EMPTY'] }, OR: [{ runId: null }, { NOT: { runId: { in: await runningRunIds(db) } } }] },
    include: { server: { select: { name: true } } },
  });
  const result = { failed: [] as string[], adopted: [] as string[] };
  for (const backup of orphans) {
    const paths = backupPaths(root, backup.server.name, backup.backupId);
    const label = `${backup.server.name}/${backup.backupId}`;
    if (await exists(path.join(paths.dir, backupRecordFile))) {
      const record = await readBackupRecord(paths.dir);
      await db.backup.update({ where: { id: backup.id }, data: backupRowOf(record) });
      result.adopted.push(label);
      logger.warn({ backup: label }, 'backup completed on disk before its worker died; adopted from backup.json');
      continue;
    }
    await rm(paths.partialDir, { recursive: true, force: true });
    const run = backup.runId ? await db.run.findUnique({ where: { id: backup.runId }, select: { error: true } }) : null;
    await db.backup.update({
      where: { id: backup.id },
      data: { status: 'FAILED', error: `The backup did not finish: ${run?.error ?? 'its run is gone'} Its partial files were removed.` },
    });
    result.failed.push(label);
    logger.warn({ backup: label }, 'orphaned backup marked FAILED; partial files removed');
  }
  return result;
}

async function runningRunIds(db: Db): Promise<string[]> {
  const rows = await db.run.findMany({ where: { status: 'running', kind: 'backup.run' }, select: { id: true } });
  return rows.map((r) => r.id);
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
