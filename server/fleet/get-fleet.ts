import { tryParseAge } from '../contracts/barman-options';
import type { FleetBackup, FleetView, HealthLevel } from '../contracts/fleet';
import type { Ctx } from '../context';
import { findServer } from '../servers/find-server';
import { assessServer, compareFleet, type FleetFacts } from './assess-server';
import type { Server } from '../db/generated/client';
import { activeBackups, backupFacts, latestChecks, walFacts, type ActiveRow, type BackupRow, type CheckRow, type WalRow } from './fleet-queries';

const num = (value: bigint | null | undefined): number => Number(value ?? 0n);

function ageSeconds(text: string | null): number | null {
  if (!text) return null;
  const parsed = tryParseAge(text);
  return parsed.ok ? parsed.value.seconds : null;
}

function backupOf(id: string | null, status: string | null, begin: Date | null, end: Date | null, size: bigint | null): FleetBackup | null {
  if (!id || !status) return null;
  return { backupId: id, status: status as FleetBackup['status'], beginTime: begin?.toISOString() ?? null, endTime: end?.toISOString() ?? null, size: size === null ? null : Number(size) };
}

const lastOf = (b: BackupRow | undefined) => (b ? backupOf(b.last_id, b.last_status, b.last_begin, b.last_end, b.last_size) : null);
const availableOf = (b: BackupRow | undefined) => (b ? backupOf(b.avail_id, b.avail_status, b.avail_begin, b.avail_end, b.avail_size) : null);

type Rows = { check?: CheckRow; backup?: BackupRow; wal?: WalRow; active?: ActiveRow };

function factsOf(s: Server, r: Rows): FleetFacts {
  const { check, backup: b, wal: w, active: run } = r;
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    enabled: s.enabled,
    backupMethod: s.backupMethod,
    streamingArchiver: s.streamingArchiver,
    pushArchiver: s.pushArchiver,
    pgVersion: s.pgVersion,
    createdAt: s.createdAt.toISOString(),
    lastCheck: check ? { ok: check.ok, checkedAt: check.checked_at.toISOString(), failed: check.failed ?? [] } : null,
    lastBackup: lastOf(b),
    lastAvailableBackup: availableOf(b),
    backupMaximumAgeSeconds: ageSeconds(s.lastBackupMaximumAge),
    walMaximumAgeSeconds: ageSeconds(s.lastWalMaximumAge),
    backups: { available: num(b?.available), failed: num(b?.failed) },
    activeBackup: run ? { runId: run.id, status: run.status, phase: run.phase, progressDone: num(run.progress_done), progressTotal: run.progress_total === null ? null : num(run.progress_total) } : null,
    wal: {
      segments: num(w?.segments),
      timelines: num(w?.timelines),
      missingSegments: num(w?.missing),
      last: w?.last_name && w.last_at ? { name: w.last_name, archivedAt: w.last_at.toISOString() } : null,
    },
    storage: { backups: num(b?.stored), wal: num(w?.stored) },
  };
}

/**
 * Every server with its health from the catalog, trouble first (the fleet dashboard); with
 * `server`, that server alone (the header of its page), judged by the same rules.
 */
export async function getFleet({ ctx, input = {} }: { ctx: Ctx; input?: { server?: string } }): Promise<FleetView> {
  const one = input.server ? await findServer(ctx, input.server) : null;
  const [servers, checks, backups, wal, active] = await Promise.all([
    one ? [one] : ctx.db.server.findMany({ orderBy: { name: 'asc' } }),
    latestChecks(ctx.db, one?.id),
    backupFacts(ctx.db, one?.id),
    walFacts(ctx.db, one?.id),
    activeBackups(ctx.db),
  ]);
  const now = Date.now();
  const byServer = <T extends { server_id: string }>(rows: T[]) => new Map(rows.map((r) => [r.server_id, r]));
  const [checkOf, backupOf, walOf, activeOf] = [byServer(checks), byServer(backups), byServer(wal), byServer(active)];
  const rows = servers.map((s) => {
    const facts = factsOf(s, { check: checkOf.get(s.id), backup: backupOf.get(s.id), wal: walOf.get(s.id), active: activeOf.get(s.id) });
    const { createdAt: _createdAt, ...view } = facts;
    return { ...view, ...assessServer(facts, now) };
  });
  rows.sort(compareFleet);
  const counts: Record<HealthLevel, number> = { critical: 0, warning: 0, ok: 0, disabled: 0 };
  for (const r of rows) counts[r.health] += 1;
  return { generatedAt: new Date(now).toISOString(), servers: rows, counts };
}
