import type { ServerPlan } from './fleet-plan';
import type { Random } from './random';
import type { WalHistory } from './wal-history';

// A server's base backups: one every `backupIntervalHours`, growing with the cluster, most DONE,
// a few FAILED with the reasons backups really fail for, some named and kept, and the newest in
// the state the server's scenario calls for.

export type BackupPlan = {
  id: string;
  runId: string;
  backupId: string;
  name: string | null;
  status: 'DONE' | 'FAILED' | 'STARTED' | 'WAITING_FOR_WALS';
  keep: 'full' | 'standalone' | null;
  beginMs: number;
  endMs: number | null;
  timeline: number;
  beginLsn: string;
  endLsn: string | null;
  beginWal: string;
  endWal: string | null;
  size: number;
  storedSize: number;
  deduplicatedSize: number;
  clusterSize: number;
  fileCount: number;
  copyMs: number | null;
  reusedFrom: string | null;
  reusedFiles: number | null;
  error: string | null;
  requestedBy: string;
  verified: 'ok' | 'failed' | null;
};

const failures = [
  'failure copying files (connection to server lost: server closed the connection unexpectedly)',
  'failure copying files (could not write to the repository: No space left on device)',
  'failure starting the backup (canceling statement due to statement timeout)',
  'Cancelled by bob while copying.',
];

export function backupIdOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '');
}

/** The newest backup's begin time for the scenario; older ones are one interval apart. */
function newestBegin(plan: ServerPlan, random: Random, activityEndMs: number): number {
  const hour = 3_600_000;
  if (plan.scenario === 'stale-backup') return activityEndMs - 3 * 24 * hour;
  if (plan.scenario === 'backup-running') return activityEndMs - 20 * 60_000;
  return activityEndMs - random.between(0.1, 0.8) * plan.backupIntervalHours * hour;
}

function statusOf(plan: ServerPlan, newest: boolean, random: Random): BackupPlan['status'] {
  if (newest && plan.scenario === 'backup-running') return 'STARTED';
  if (newest && plan.scenario === 'last-backup-failed') return 'FAILED';
  if (newest && plan.scenario === 'wal-stopped') return 'WAITING_FOR_WALS';
  return plan.flaky && random.chance(0.02) ? 'FAILED' : 'DONE';
}

export function planBackups(plan: ServerPlan, random: Random, wal: WalHistory, activityEndMs: number): BackupPlan[] {
  const hour = 3_600_000;
  const last = newestBegin(plan, random, activityEndMs);
  const out: BackupPlan[] = [];
  let previousDone: BackupPlan | null = null;
  for (let i = 0; i < plan.backupCount; i++) {
    const newest = i === plan.backupCount - 1;
    const beginMs = last - (plan.backupCount - 1 - i) * plan.backupIntervalHours * hour + (newest ? 0 : random.between(-600_000, 600_000));
    const growth = 0.7 + 0.3 * (i / Math.max(1, plan.backupCount - 1));
    const clusterSize = Math.round(plan.clusterBytes * growth * random.between(0.98, 1.02));
    const status = statusOf(plan, newest, random);
    const throughput = random.between(150, 400) * 1024 * 1024;
    const copyMs = Math.round((clusterSize / throughput) * 1000) + random.int(5_000, 30_000);
    const ratio = plan.compression === 'none' ? 1 : plan.compression === 'zstd' ? random.between(0.22, 0.32) : random.between(0.3, 0.45);
    const size = Math.round(clusterSize * random.between(0.97, 0.995));
    const storedSize = Math.round(size * ratio);
    const reused = previousDone !== null && random.chance(0.9);
    const begin = wal.locate(beginMs);
    const finished = status === 'DONE' || status === 'WAITING_FOR_WALS' || status === 'FAILED';
    const endMs = finished ? beginMs + (status === 'FAILED' ? copyMs * random.between(0.05, 0.9) : copyMs) : null;
    const end = endMs !== null && status !== 'FAILED' ? wal.locate(endMs) : null;
    const named = !newest && i % 30 === 0 && plan.backupIntervalHours <= 24;
    const backupId = backupIdOf(beginMs);
    const row: BackupPlan = {
      id: random.uuid(),
      runId: random.uuid(),
      backupId,
      name: named ? `monthly-${backupId.slice(0, 4)}-${backupId.slice(4, 6)}-${backupId.slice(6, 8)}` : null,
      status,
      keep: named && status === 'DONE' ? (random.chance(0.8) ? 'full' : 'standalone') : null,
      beginMs,
      endMs,
      timeline: begin.timeline,
      beginLsn: begin.lsn,
      endLsn: end?.lsn ?? null,
      beginWal: begin.name,
      endWal: end?.name ?? null,
      size: status === 'STARTED' ? 0 : size,
      storedSize: status === 'STARTED' ? 0 : storedSize,
      deduplicatedSize: status === 'STARTED' ? 0 : reused ? Math.round(storedSize * random.between(0.08, 0.45)) : storedSize,
      clusterSize,
      fileCount: Math.round(clusterSize / (6 * 1024 * 1024)) + 1_200,
      copyMs: status === 'DONE' || status === 'WAITING_FOR_WALS' ? copyMs : null,
      reusedFrom: reused && previousDone ? previousDone.backupId : null,
      reusedFiles: reused ? random.int(800, 40_000) : null,
      error: status === 'FAILED' ? random.pick(failures) : null,
      requestedBy: random.chance(0.9) ? 'cellar' : random.pick(['alice', 'bob', 'carol']),
      verified: status === 'DONE' && random.chance(0.12) ? (random.chance(0.97) ? 'ok' : 'failed') : null,
    };
    out.push(row);
    if (status === 'DONE') previousDone = row;
  }
  return out;
}
