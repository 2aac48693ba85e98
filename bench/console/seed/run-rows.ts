import type { BackupPlan } from './backup-history';
import type { Cell, Column } from './bulk-insert';
import type { CheckReportPlan } from './check-history';
import type { ServerPlan } from './fleet-plan';
import type { Random } from './random';
import type { TableRows } from './server-rows';

// The runs behind the seeded catalog: a backup.run per backup (the newest still running on the
// busy server), a backup.verify per verified backup, a server.check per check report, and a few
// log lines each, as the workers write them.

const c = (name: string, type: Column['type'], cast?: string): Column => ({ name, type, cast });

export const runColumns = [
  c('id', 'uuid'), c('kind', 'text'), c('status', 'text', '"RunStatus"'), c('server_id', 'uuid'), c('input', 'text', 'jsonb'), c('result', 'text', 'jsonb'),
  c('phase', 'text'), c('progress_done', 'int8'), c('progress_total', 'int8'), c('progress_note', 'text'), c('error', 'text'), c('attempts', 'int4'),
  c('worker_id', 'text'), c('requested_by', 'text'), c('queued_at', 'timestamptz'), c('started_at', 'timestamptz'), c('heartbeat_at', 'timestamptz'),
  c('finished_at', 'timestamptz'),
];
export const logColumns = [c('run_id', 'uuid'), c('at', 'timestamptz'), c('level', 'text'), c('message', 'text')];

type Acc = { runs: Cell[][]; logs: Cell[][] };

function backupRun(acc: Acc, plan: ServerPlan, b: BackupPlan, nowMs: number): void {
  const running = b.status === 'STARTED';
  const end = running ? null : (b.endMs ?? b.beginMs);
  const status = running ? 'running' : b.status === 'FAILED' ? 'failed' : 'succeeded';
  const done = running ? Math.round(b.clusterSize * 0.42) : b.size;
  const result = status === 'succeeded' ? JSON.stringify({ backupId: b.backupId, status: b.status, size: b.size, storedSize: b.storedSize, deduplicatedSize: b.deduplicatedSize }) : null;
  const note = running ? `base/16384/${24_576 + (b.size % 997)} · 287.4 MB/s · ETA ${Math.round((b.clusterSize - done) / 301_000_000)} s` : null;
  acc.runs.push([
    b.runId, 'backup.run', status, plan.id, JSON.stringify({ checkpoint: 'fast' }), result, running ? 'copying' : status === 'failed' ? 'copying' : 'finishing',
    done, b.clusterSize, note, b.error, 1, 'worker-1', b.requestedBy, new Date(b.beginMs - 2_000), new Date(b.beginMs),
    new Date(running ? nowMs - 1_500 : (end ?? b.beginMs)), end === null ? null : new Date(end),
  ]);
  const line = (offsetMs: number, level: string, message: string) => acc.logs.push([b.runId, new Date(b.beginMs + offsetMs), level, message]);
  line(0, 'info', `backup ${b.backupId}: ${plan.compression}, fast checkpoint, waits for archived WAL`);
  if (b.reusedFrom) line(40, 'info', `unchanged files are linked from backup ${b.reusedFrom}`);
  line(4_000, 'info', `checkpoint done; copying from ${b.beginLsn} on timeline ${b.timeline}`);
  if (b.status === 'FAILED') line(Math.max(5_000, (b.endMs ?? b.beginMs) - b.beginMs), 'error', b.error ?? 'failed');
  else if (!running) line((b.endMs ?? b.beginMs) - b.beginMs, 'info', `backup ${b.backupId} is ${b.status}: ${b.fileCount} files, ${b.size} bytes copied, ${b.deduplicatedSize} bytes stored`);
}

function verifyRun(acc: Acc, plan: ServerPlan, b: BackupPlan, random: Random): void {
  if (!b.verified || b.endMs === null) return;
  const at = b.endMs + 3 * 3_600_000;
  const id = random.uuid();
  const ok = b.verified === 'ok';
  const summary = ok ? `Backup ${b.backupId} verified: ${b.fileCount} files match the manifest.` : `Backup ${b.backupId}: 1 file does not match the manifest.`;
  acc.runs.push([
    id, 'backup.verify', ok ? 'succeeded' : 'failed', plan.id, JSON.stringify({ backupUuid: b.id, backupId: b.backupId }),
    ok ? JSON.stringify({ ok: true, files: b.fileCount, summary }) : null, 'reading', b.storedSize, b.storedSize, null,
    ok ? null : summary, 1, 'worker-2', random.pick(['alice', 'bob', 'cellar']), new Date(at - 1_000), new Date(at), new Date(at + 60_000), new Date(at + 60_000),
  ]);
  acc.logs.push([id, new Date(at + 60_000), ok ? 'info' : 'error', summary]);
}

function checkRun(acc: Acc, plan: ServerPlan, r: CheckReportPlan): void {
  const failed = r.results.filter((x) => x.status === 'FAILED').map((x) => x.name);
  acc.runs.push([
    r.runId, 'server.check', 'succeeded', plan.id, '{}', JSON.stringify({ ok: failed.length === 0, failed }), 'checking', 0, null, null, null, 1,
    'worker-1', 'cellar', new Date(r.atMs - r.durationMs - 500), new Date(r.atMs - r.durationMs), new Date(r.atMs), new Date(r.atMs),
  ]);
  acc.logs.push([r.runId, new Date(r.atMs), failed.length ? 'warn' : 'info', failed.length ? `${failed.length} checks failed: ${failed.join(', ')}` : 'all checks passed']);
}

export function runRows(plan: ServerPlan, backups: readonly BackupPlan[], reports: readonly CheckReportPlan[], random: Random, nowMs: number): TableRows[] {
  const acc: Acc = { runs: [], logs: [] };
  for (const b of backups) {
    backupRun(acc, plan, b, nowMs);
    verifyRun(acc, plan, b, random);
  }
  for (const r of reports) checkRun(acc, plan, r);
  return [
    { table: 'runs', columns: runColumns, rows: acc.runs },
    { table: 'run_logs', columns: logColumns, rows: acc.logs },
  ];
}
