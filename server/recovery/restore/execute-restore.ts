import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Ctx } from '../../context';
import type { RecoveryTarget, RestoreReportView, StartRestoreData } from '../../contracts/recovery';
import type { Server } from '../../db/generated/client';
import type { Compression } from '../../db/generated/enums';
import { backupPaths } from '../../backup/backup-layout';
import { readBackupRecord } from '../../backup/backup-record';
import { createDecompressionPool } from '../../repository/decompression-pool';
import type { RunHandle } from '../../runs/run-handle';
import { parseWalFileName } from '../../wal/wal-file-name';
import { storedWalPath } from '../../wal/wal-layout';
import type { ArchiveFacts } from '../archive-facts';
import type { TargetPlan } from '../plan-target';
import { recoverySettings } from '../recovery-settings';
import type { Destination } from './destination';
import { openDestination } from './open-destination';
import { writeRecoveryConfig } from './recovery-config';
import { forEachLimited } from '../../async/for-each-limited';
import { restoreFiles, tablespaceLocations } from './restore-files';

// The restore pipeline (issue 5, part 3), the same for a local and a remote destination:
// check the destination, write the data files (decompressed in the thread pool), the WAL (copy
// mode) or the get-wal client, the recovery settings and signal file, and .cellar-restore.json.

export type RestoreRequest = Omit<StartRestoreData, 'backup' | keyof RecoveryTarget> & { target: RecoveryTarget };

const binDir = path.resolve(import.meta.dirname, '../../../bin');
const restoreInfo = '.cellar-restore.json';

export async function executeRestore(opts: { ctx: Ctx; root: string; server: Server; plan: TargetPlan; facts: ArchiveFacts; request: RestoreRequest; handle: RunHandle; runId: string }): Promise<RestoreReportView> {
  const { ctx, root, server, plan, facts, request, handle } = opts;
  const started = Date.now();
  const backup = plan.reach?.backup;
  if (!plan.ok || !backup) throw new Error([...plan.problems.map((p) => p.message), ...plan.reachable].join(' '));
  const backupDir = backupPaths(root, server.name, backup.backupId).dir;
  const record = await readBackupRecord(backupDir);
  const locations = tablespaceLocations(record, request.tablespaces);
  const destDir = request.destination.path;
  const pool = createDecompressionPool();
  let dest: Destination | undefined;
  try {
    await handle.phase('connect');
    dest = await openDestination(ctx, server, request.destination, pool, request.channels);
    await prepareDirectories(dest, destDir, [...locations.values()], request.overwrite);
    const walFiles = request.walMode === 'copy' ? await walToCopy(ctx, server, plan) : [];
    const walBytes = walFiles.reduce((n, s) => n + Number(s.size), 0);
    const total = record.size + walBytes;
    let done = 0;
    const progress = (bytes: number) => {
      done += bytes;
      handle.progress(done, total, `${dest?.label(destDir)}`);
    };
    handle.progress(0, total);
    await handle.phase('restore files');
    const files = await restoreFiles({ backupDir, record, dest, destDir, locations, signal: handle.signal, onBytes: progress });
    await handle.phase('wal');
    const restoreCommand = await placeWal(dest, destDir, request, server, facts, root, walFiles, progress, handle.signal);
    await dest.flush();
    await handle.phase('recovery settings');
    const settings = { restore_command: restoreCommand, ...(request.walMode === 'copy' ? { recovery_end_command: `rm -fr ${path.posix.join(destDir, 'cellar_wal')}` } : {}), ...recoverySettings(request.target) };
    const header = `Recovery settings written by Cellar: restore ${opts.runId} of backup ${backup.backupId} (${server.name}), ${new Date().toISOString()}`;
    const config = await writeRecoveryConfig(dest, destDir, { settings, standby: request.standby, keepArchiveCommand: request.keepArchiveCommand, header });
    const report: RestoreReportView = {
      backupId: backup.backupId,
      destination: dest.label(destDir),
      files: files.files,
      bytes: files.bytes,
      walFiles: walFiles.length,
      walBytes,
      durationMs: Date.now() - started,
      recoverySettings: settings,
      signalFile: config.signalFile,
      archiveCommandDisabled: !request.keepArchiveCommand,
      startCommand: `pg_ctl -D ${destDir} start   # PostgreSQL ${record.pgVersion >= 100000 ? Math.floor(record.pgVersion / 10000) : record.pgVersion}, as the owner of ${destDir} (chown -R postgres: ${destDir} first if needed)`,
      notes: notesFor(request, config.commentedOut, plan),
    };
    await dest.write(path.posix.join(destDir, restoreInfo), Buffer.from(`${JSON.stringify({ format: 1, server: server.name, systemId: record.systemId, runId: opts.runId, restoredAt: new Date().toISOString(), backupId: backup.backupId, target: request.target, timeline: plan.timeline, walMode: request.walMode, tablespaces: Object.fromEntries(locations), report }, null, 1)}\n`));
    return report;
  } finally {
    await dest?.close();
    await pool.close();
  }
}

async function prepareDirectories(dest: Destination, destDir: string, tablespaces: string[], overwrite: boolean): Promise<void> {
  for (const dir of [destDir, ...tablespaces]) {
    const entries = await dest.list(dir);
    if (entries && entries.length > 0) {
      if (!overwrite)
        throw new Error(`${dest.label(dir)} is not empty (${entries.length} entries, e.g. ${entries.slice(0, 3).join(', ')}); restore into an empty directory, or ask to overwrite it.`);
      await dest.clear(dir);
    }
    await dest.mkdir(dir);
  }
}

type WalFile = { name: string; size: bigint; codec: Compression; checksum: string };

/**
 * The segments the plan names, as the catalog has them now; the archive must still hold them all.
 * A timeline's last segment may be its .partial (see wal-plan.ts).
 */
async function walToCopy(ctx: Ctx, server: Server, plan: TargetPlan): Promise<WalFile[]> {
  const pieces = plan.wal?.pieces ?? [];
  if (pieces.length === 0) return [];
  const partial = plan.wal?.partial;
  const rows = await ctx.db.walSegment.findMany({
    where: {
      serverId: server.id,
      OR: [
        { kind: 'segment', OR: pieces.map((p) => ({ timeline: p.timeline, segno: { gte: p.from, lte: p.to } })) },
        ...(partial ? [{ kind: 'partial' as const, name: partial }] : []),
      ],
    },
    select: { name: true, size: true, codec: true, checksum: true },
    orderBy: { segno: 'asc' },
  });
  if (rows.length !== plan.wal?.segments) throw new Error(`The archive changed while the restore was planned: ${plan.wal?.segments ?? 0} WAL segments were planned, ${rows.length} are there now. Plan the restore again.`);
  return rows;
}

async function placeWal(dest: Destination, destDir: string, request: RestoreRequest, server: Server, facts: ArchiveFacts, root: string, wal: WalFile[], progress: (n: number) => void, signal: AbortSignal): Promise<string> {
  if (request.walMode === 'get-wal') {
    const clientDir = path.posix.join(destDir, 'cellar_bin');
    await dest.mkdir(clientDir);
    for (const name of ['cellar-wal-restore.mjs', 'cellar-wal-client.mjs']) await dest.write(path.posix.join(clientDir, name), await readFile(path.join(binDir, name)), 0o644);
    const getWal = request.getWal;
    if (!getWal) throw new Error('get-wal mode needs the URL of Cellar and a token file.');
    const node = request.destination.kind === 'local' ? process.execPath : 'node';
    // As Barman does: outside standby mode, the end of a timeline may be read from its .partial.
    const partial = request.standby ? '' : ' --partial 1';
    return `${node} ${path.posix.join(clientDir, 'cellar-wal-restore.mjs')} --url ${getWal.url} --server ${server.name} --token-file ${getWal.tokenFile} --prefetch ${getWal.prefetch}${partial} %f %p`;
  }
  const walDir = path.posix.join(destDir, 'cellar_wal');
  await dest.mkdir(walDir);
  await forEachLimited(wal, dest.lanes, async (segment) => {
    if (signal.aborted) throw signal.reason;
    const stored = storedWalPath(root, server.name, parseWalFileName(segment.name, Number(segment.size)), segment.codec);
    // A .partial goes in under its segment's name: that is the file recovery asks restore_command for.
    await dest.restore(stored, segment.codec, path.posix.join(walDir, segment.name.slice(0, 24)), { sha256: segment.checksum });
    progress(Number(segment.size));
  });
  // Every history file: recovery looks for the newest timeline to pick an unused one when it promotes.
  for (const name of facts.historyFiles) await dest.restore(storedWalPath(root, server.name, parseWalFileName(name), 'none'), 'none', path.posix.join(walDir, name));
  return `cp ${walDir}/%f %p`;
}

function notesFor(request: RestoreRequest, commentedOut: string[], plan: TargetPlan): string[] {
  const notes = [...plan.messages];
  if (!request.keepArchiveCommand) notes.push("archive_command was set to 'false' so the copy cannot write into the original's archive; WAL collects in pg_wal until you set a real one.");
  if (commentedOut.length) notes.push(`Commented out (#CELLAR#): ${commentedOut.join('; ')}.`);
  if (plan.stop) notes.push(`Recovery should stop at ${plan.stop.description}, then ${request.target.target.kind === 'latest' ? 'promote' : request.target.action}.`);
  if (request.walMode === 'copy') notes.push('The WAL for recovery is in cellar_wal/ and is removed when recovery ends (recovery_end_command).');
  return notes;
}
