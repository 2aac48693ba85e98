import { evaluateChecks } from '../../../server/checks/evaluate/evaluate-checks';
import { healthyProbe } from '../../../server/checks/evaluate/healthy-probe';
import type { CheckResult, Probe } from '../../../server/checks/types';
import type { BackupPlan } from './backup-history';
import type { ServerPlan } from './fleet-plan';
import type { Random } from './random';
import { segmentBytes, type WalHistory } from './wal-history';

// Check reports every six hours for two months, made by Cellar's own evaluators from facts
// that follow the seeded backups and WAL, so hints read as they would ("latest backup age: 5
// hours"). Transient failures are sprinkled in, and each trouble scenario fails its checks.

export type CheckReportPlan = { id: string; runId: string; atMs: number; durationMs: number; results: CheckResult[] };

const hourMs = 3_600_000;

function lastBefore<T>(items: readonly T[], ms: number, timeOf: (item: T) => number | null): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const t = timeOf(items[mid] as T);
    if (t !== null && t <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function catalogAt(backups: readonly BackupPlan[], wal: WalHistory, ms: number): NonNullable<Extract<Probe['catalog'], { ok: true }>['value']> {
  const usable = backups.filter((b) => b.endMs !== null && b.endMs <= ms && (b.status === 'DONE' || b.status === 'WAITING_FOR_WALS'));
  const last = usable.at(-1) ?? null;
  const newestWal = lastBefore(wal.segments, ms, (s) => s.endMs);
  const sinceBackup = last ? newestWal - lastBefore(wal.segments, last.beginMs, (s) => s.endMs) : 0;
  return {
    lastBackup: last
      ? { backupId: last.backupId, status: last.status, endTime: new Date(last.endMs ?? ms), size: BigInt(last.size), beginWal: last.beginWal, endWal: last.endWal ?? last.beginWal, timeline: last.timeline }
      : null,
    failedBackups: backups.filter((b) => b.status === 'FAILED' && b.beginMs <= ms).length,
    doneBackups: usable.length,
    newestWalSinceBackup: newestWal >= 0 ? new Date(wal.segments[newestWal]?.endMs ?? ms) : null,
    walBytesAfterBackup: BigInt(Math.max(0, sinceBackup)) * BigInt(segmentBytes),
  };
}

function probeFor(plan: ServerPlan, backups: readonly BackupPlan[], wal: WalHistory, ms: number, broken: string | null): Probe {
  const base = healthyProbe({
    server: {
      name: plan.name,
      compression: plan.compression,
      walCompression: plan.compression,
      retentionPolicy: plan.retentionPolicy,
      minimumRedundancy: plan.minimumRedundancy,
      lastBackupMaximumAge: plan.lastBackupMaximumAge,
      lastWalMaximumAge: plan.lastWalMaximumAge,
      streamingArchiver: plan.streaming,
      pushArchiver: plan.push,
      slotName: plan.streaming ? 'cellar' : null,
      systemId: plan.systemId,
    },
    postgres: {
      versionNum: plan.pgVersion,
      versionText: `${Math.floor(plan.pgVersion / 10_000)}.${plan.pgVersion % 100}`,
      systemId: plan.systemId,
      ...(broken === 'slot' ? { slot: { slotType: 'physical', active: false, restartLsn: '0/A000000', walStatus: 'extended' }, walReceivers: 0 } : {}),
    },
    catalog: catalogAt(backups, wal, ms),
    repository: { path: `/var/lib/cellar/repository/${plan.name}`, identitySystemId: plan.systemId },
  });
  const probe: Probe = { ...base, now: new Date(ms), streaming: { ok: true, value: { systemId: plan.systemId, timeline: 1, xlogpos: '0/A000060' } } };
  if (broken === 'down') {
    const error = `could not connect to ${plan.name}.db.internal:5432: connection refused. Is PostgreSQL running and accepting TCP connections there?`;
    return { ...probe, postgres: { ok: false, error }, streaming: { ok: false, error } };
  }
  return probe;
}

function brokenAt(plan: ServerPlan, k: number, random: Random): string | null {
  if (plan.scenario === 'checks-failing' && k === 0) return 'down';
  if (plan.scenario === 'slot-inactive' && k < 10) return 'slot';
  return random.chance(0.01) ? 'down' : null;
}

export function planCheckReports(plan: ServerPlan, random: Random, backups: readonly BackupPlan[], wal: WalHistory, nowMs: number, lastMs: number): CheckReportPlan[] {
  if (plan.scenario === 'new') return [];
  const reports: CheckReportPlan[] = [];
  const newest = Math.min(lastMs, nowMs - random.between(5, 50) * 60_000);
  for (let k = 239; k >= 0; k--) {
    const atMs = newest - k * 6 * hourMs;
    const broken = brokenAt(plan, k, random);
    reports.push({
      id: random.uuid(),
      runId: random.uuid(),
      atMs,
      durationMs: broken === 'down' ? random.int(3_000, 10_500) : random.int(180, 2_400),
      results: evaluateChecks(probeFor(plan, backups, wal, atMs, broken)),
    });
  }
  return reports;
}
