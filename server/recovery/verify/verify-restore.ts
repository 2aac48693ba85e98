import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Ctx } from '../../context';
import { startRestoreVerifyInput } from '../../contracts/recovery';
import type { Run } from '../../db/generated/client';
import type { RunHandle } from '../../runs/run-handle';
import { backupPaths } from '../../backup/backup-layout';
import { readBackupRecord } from '../../backup/backup-record';
import { buildPlan } from '../build-plan';
import { executeRestore } from '../restore/execute-restore';
import { checkDatabases, type DatabaseCheck } from './check-databases';
import { majorOf, startScratchPostgres, type ScratchPostgres } from './scratch-postgres';

// restore.verify (issue 5, part 4), "prove it restores": restore into a scratch directory, start
// the matching PostgreSQL, wait until recovery reached the target and promoted, check every
// database, record the outcome and duration on the backup, and remove everything.

export type VerifyReport = { ok: boolean; backupId: string; durationMs: number; databases: DatabaseCheck[]; detail: string | null };

export async function verifyRestore({ ctx, input, handle }: { ctx: Ctx; input: { run: Run; root: string }; handle: RunHandle }): Promise<VerifyReport> {
  const { run, root } = input;
  if (!run.serverId) throw new Error('This verification run has no server.');
  const server = await ctx.db.server.findUniqueOrThrow({ where: { id: run.serverId } });
  const request = startRestoreVerifyInput.parse(run.input);
  const started = Date.now();
  await handle.phase('plan');
  const target = { target: request.target, timeline: request.timeline, inclusive: request.inclusive, action: 'promote' as const };
  const { plan, facts } = await buildPlan(ctx, server, root, { ...target, backup: request.backup });
  const backup = plan.reach?.backup;
  if (!plan.ok || !backup) throw new Error(`Nothing to verify: ${plan.problems.map((p) => p.message).join(' ')}`);
  const scratch = await mkdtemp(path.join(process.env.CELLAR_SCRATCH_DIR ?? os.tmpdir(), 'cellar-verify-'));
  let pg: ScratchPostgres | undefined;
  let report: VerifyReport;
  try {
    const dataDir = path.join(scratch, 'data');
    try {
      await executeRestore({ ctx, root, server, plan, facts, request: { destination: { kind: 'local', path: dataDir }, tablespaces: await tablespacesUnder(scratch, root, server.name, backup.backupId), walMode: 'copy', standby: false, keepArchiveCommand: false, overwrite: false, channels: 1, target }, handle, runId: run.id });
      await handle.phase('start postgres');
      const major = majorOf(backup.pgVersion ?? server.pgVersion ?? 0);
      pg = await startScratchPostgres({ scratch, dataDir, major, superuser: superuserOf(server.conninfo), timeoutSeconds: request.timeoutSeconds });
      await handle.phase('recovery');
      await waitForPromotion(pg, request.timeoutSeconds, handle.signal);
      await handle.phase('check databases');
      const databases = await checkDatabases(pg, request.amcheck, handle.signal);
      const bad = databases.filter((d) => !d.ok);
      report = { ok: bad.length === 0, backupId: backup.backupId, durationMs: Date.now() - started, databases, detail: bad.length ? bad.map((d) => `${d.database}: ${d.detail ?? ''}`).join('; ') : null };
    } catch (error) {
      if (handle.signal.aborted) throw error;
      const tail = pg ? `\n${await pg.logTail()}` : '';
      report = { ok: false, backupId: backup.backupId, durationMs: Date.now() - started, databases: [], detail: `${(error as Error).message}${tail}`.slice(0, 3800) };
    }
  } finally {
    await pg?.stop();
    await rm(scratch, { recursive: true, force: true });
  }
  await ctx.db.backup.update({ where: { id: backup.uuid }, data: { restoreVerifiedAt: new Date(), restoreVerifyStatus: report.ok ? 'ok' : 'failed', restoreVerifyMs: report.durationMs, restoreVerifyDetail: report.detail } });
  if (!report.ok) throw new Error(`Backup ${backup.backupId} did not prove restorable: ${report.detail ?? 'unknown problem'}`);
  await handle.log('info', `backup ${backup.backupId} restored, recovered and answered in ${report.durationMs} ms (${report.databases.length} databases checked)`);
  return report;
}

/** Tablespaces go under the scratch directory too, never to their production locations. */
async function tablespacesUnder(scratch: string, root: string, serverName: string, backupId: string): Promise<Record<string, string>> {
  const record = await readBackupRecord(backupPaths(root, serverName, backupId).dir);
  return Object.fromEntries(record.tablespaces.map((t) => [String(t.oid), path.join(scratch, 'tablespaces', String(t.oid))]));
}

function superuserOf(conninfo: string): string {
  return /(?:^|\s)user=([^\s]+)/.exec(conninfo)?.[1] ?? 'postgres';
}

async function waitForPromotion(pg: ScratchPostgres, timeoutSeconds: number, signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    if (signal.aborted) throw signal.reason;
    const [row] = await pg.query<{ recovering: boolean }>('SELECT pg_is_in_recovery() AS recovering');
    if (row && !row.recovering) return;
    if (Date.now() > deadline) throw new Error(`recovery did not finish within ${timeoutSeconds} s`);
    await sleep(250);
  }
}
