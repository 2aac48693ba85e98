import { rename, rm } from 'node:fs/promises';
import type { Ctx } from '../context';
import { startBackupInput } from '../contracts/backups';
import type { Backup, Server } from '../db/generated/client';
import { isUniqueViolation } from '../db/errors';
import { DomainError } from '../errors/domain-error';
import { parseConninfo, toPgClientConfig } from '../pg/conninfo';
import { fsyncDirectory } from '../repository/atomic-write';
import { ensureServerIdentity } from '../repository/server-identity';
import { RunCancelledError, type RunHandle } from '../runs/run-handle';
import { streamingConninfoOf } from '../servers/server-credentials';
import { backupIdAt } from './backup-id';
import { backupPaths, baseDir, serverDir } from './backup-layout';
import { resolveBackupOptions, type ResolvedBackupOptions } from './backup-options';
import { writeBackupRecord, type BackupRecord } from './backup-record';
import { buildBackupRecord } from './build-backup-record';
import { backupRowOf } from './backup-row';
import { describeBackupError } from './describe-backup-error';
import { progressReporter } from './progress-reporter';
import { findReuseSource } from './reuse-candidates';
import { readTablespaceNames } from './tablespace-names';
import { checkWaitingBackups } from '../wal/check-backup';
import { writeBaseBackup } from './write-base-backup';

// The backup lifecycle (Barman's BackupManager.backup): a Backup row in STARTED, the copy into
// base/.<id>.partial, then backup.json, fsync and the rename that makes the backup exist, and
// only then DONE (standalone) or WAITING_FOR_WALS in the catalog. A failure leaves a FAILED row
// with the reason and no files; a cancel leaves neither.

export type TakeBackupInput = { runId: string; serverId: string; root: string };
export type TakeBackupResult = { backupId: string; status: BackupRecord['status']; size: number; storedSize: number; deduplicatedSize: number };

export async function takeBackup({ ctx, input, handle }: { ctx: Ctx; input: TakeBackupInput; handle: RunHandle }): Promise<TakeBackupResult> {
  const run = await ctx.db.run.findUniqueOrThrow({ where: { id: input.runId } });
  const server = await ctx.db.server.findUniqueOrThrow({ where: { id: input.serverId } });
  if (!server.enabled) throw new DomainError('conflict', `Server ${server.name} is disabled; enable it to back it up.`);
  if (server.backupMethod !== 'postgres') throw new DomainError('conflict', 'Only the postgres backup method is built so far; set the server to backup_method = postgres.');
  const options = resolveBackupOptions(server, startBackupInput.parse(run.input));
  const backup = await allocateBackup(ctx, server, options, run.id);
  const paths = backupPaths(input.root, server.name, backup.backupId);
  await handle.log('info', `backup ${backup.backupId}: ${options.codec}${options.level === null ? '' : ` level ${options.level}`}, ${options.checkpoint} checkpoint, ${options.standalone ? 'standalone' : 'waits for archived WAL'}`);
  try {
    const reuse = options.reuse ? await findReuseSource(ctx.db, input.root, server, options.codec) : null;
    if (reuse) await handle.log('info', `unchanged files are linked from backup ${reuse.backupId}`);
    const { conninfo, password } = streamingConninfoOf(server);
    const tablespaceNames = readTablespaceNames(server);
    tablespaceNames.catch(() => undefined);
    const started = Date.now();
    const report = progressReporter(handle);
    let copying = false;
    await handle.phase(options.checkpoint === 'fast' ? 'checkpoint' : 'waiting for checkpoint');
    const written = await writeBaseBackup({
      clientConfig: toPgClientConfig(parseConninfo(conninfo), password),
      dir: paths.partialDir,
      label: `cellar ${backup.backupId}`,
      checkpoint: options.checkpoint,
      wal: options.standalone,
      maxRateKbps: options.maxRateKbps,
      codec: options.codec,
      level: options.level,
      reuse: reuse?.lookup,
      signal: handle.signal,
      beforeStart: async (facts) => {
        await ensureServerIdentity(serverDir(input.root, server.name), { systemid: facts.systemId, version: facts.major });
        await ctx.db.backup.update({ where: { id: backup.id }, data: { pgVersion: facts.versionNum, systemId: facts.systemId, timeline: facts.timeline } });
        // As a check does: the version is always current, the system id is learnt once.
        await ctx.db.server.update({ where: { id: server.id }, data: { pgVersion: facts.versionNum, ...(server.systemId ? {} : { systemId: facts.systemId }) } });
      },
      onWarning: (message) => void handle.log('warn', message).catch(() => undefined),
      onProgress: (progress) => {
        // The checkpoint is over once bytes flow.
        if (!copying) handle.phase('copying').catch(() => undefined);
        copying = true;
        report(progress);
      },
    });
    await handle.phase('finishing');
    const record = buildBackupRecord(written, {
      serverName: server.name,
      backupId: backup.backupId,
      options,
      reusedFrom: written.files.some((f) => f.reused) ? (reuse?.backupId ?? null) : null,
      tablespaceNames: await tablespaceNames.catch(() => new Map<number, string>()),
      copyMs: Date.now() - started,
    });
    await commitBackupDirectory(paths, input.root, server.name, record);
    await ctx.db.backup.update({ where: { id: backup.id }, data: backupRowOf(record) });
    const status = record.status === 'WAITING_FOR_WALS' ? await checkBackupNow(ctx, input, backup.backupId) : record.status;
    await handle.log('info', `backup ${backup.backupId} is ${status}: ${record.fileCount} files, ${record.size} bytes copied, ${record.deduplicatedSize} bytes stored`);
    return { backupId: backup.backupId, status, size: record.size, storedSize: record.storedSize, deduplicatedSize: record.deduplicatedSize };
  } catch (error) {
    await rm(paths.partialDir, { recursive: true, force: true });
    if (error instanceof RunCancelledError || handle.signal.aborted) {
      await ctx.db.backup.delete({ where: { id: backup.id } });
      throw new RunCancelledError();
    }
    const message = describeBackupError(error);
    await ctx.db.backup.update({ where: { id: backup.id }, data: { status: 'FAILED', error: message } });
    throw new Error(message, { cause: error });
  }
}

/**
 * check-backup for a backup that has just become WAITING_FOR_WALS. Its WAL may be in the archive
 * already: a streaming receiver stores the segment the backup's end switched away from while the
 * backup is still finishing, and that arrival found no waiting backup to settle.
 */
async function checkBackupNow(ctx: Ctx, input: TakeBackupInput, backupId: string): Promise<BackupRecord['status']> {
  try {
    const changed = await checkWaitingBackups({ ctx, input: { serverId: input.serverId, root: input.root } });
    return (changed.find((c) => c.backupId === backupId)?.status as BackupRecord['status'] | undefined) ?? 'WAITING_FOR_WALS';
  } catch (error) {
    // The backup is complete on disk and in the catalog: maintenance's periodic check-backup settles it.
    ctx.log.warn({ err: error, backup: backupId }, 'check-backup after the backup failed; maintenance retries');
    return 'WAITING_FOR_WALS';
  }
}

/** The Backup row, STARTED, under a fresh id; a second backup within the same second takes the next one. */
async function allocateBackup(ctx: Ctx, server: Server, options: ResolvedBackupOptions, runId: string): Promise<Backup> {
  const now = Date.now();
  for (let offset = 0; offset < 10; offset++) {
    const backupId = backupIdAt(new Date(now + offset * 1000));
    try {
      return await ctx.db.backup.create({
        data: {
          serverId: server.id,
          backupId,
          name: options.name,
          status: 'STARTED',
          method: 'postgres',
          compression: options.codec,
          compressionLevel: options.level,
          checkpoint: options.checkpoint,
          standalone: options.standalone,
          beginTime: new Date(now),
          runId,
        },
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (options.name && (await ctx.db.backup.findFirst({ where: { serverId: server.id, name: options.name } })))
        throw new DomainError('conflict', `Server ${server.name} already has a backup named "${options.name}"; choose another name.`);
    }
  }
  throw new DomainError('conflict', `Could not allocate a backup id for ${server.name}: ten ids in a row are taken.`);
}

/** backup.json, fsync, then the rename that makes the backup exist; the base directory is fsynced so the name is durable. */
async function commitBackupDirectory(paths: ReturnType<typeof backupPaths>, root: string, serverName: string, record: BackupRecord): Promise<void> {
  await writeBackupRecord(paths.partialDir, record);
  await fsyncDirectory(paths.partialDir);
  await rename(paths.partialDir, paths.dir);
  await fsyncDirectory(baseDir(root, serverName));
}
