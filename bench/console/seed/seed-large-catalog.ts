import pg from 'pg';
import { hashPassword } from '../../../server/auth/passwords';
import { applyMigrations } from '../../../server/db/migrate';
import { auditRows, type SeedUser } from './audit-history';
import { planBackups, type BackupPlan } from './backup-history';
import { insertRows } from './bulk-insert';
import { planCheckReports } from './check-history';
import { planFleet, type ServerPlan } from './fleet-plan';
import { createRandom, type Random } from './random';
import { runRows } from './run-rows';
import { backupRows, checkRows, restorePointRows, serverRow, walRows, type TableRows } from './server-rows';
import { planWalHistory } from './wal-history';

// The large catalog of issue 6: 50 servers, 10,000 backups, 500,000 WAL segments, with the runs,
// check reports and audit trail that such a fleet accumulates. Written with multi-row inserts
// (unnest of arrays), a server at a time, so memory stays small and the whole seed takes seconds.

export type SeedOptions = {
  url: string;
  /** Seed even into a non-local catalog, and replace the servers, runs and audit trail it holds. */
  force: boolean;
  password: string;
  backups: number;
  segments: number;
  auditEvents: number;
  seed: number;
  log: (line: string) => void;
};

export type SeedSummary = { servers: ServerPlan[]; rows: Record<string, number>; seconds: number; users: SeedUser[] };

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

export function isLocalCatalog(url: string): boolean {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const socket = parsed.searchParams.get('host');
  return ['localhost', '127.0.0.1', '::1', ''].includes(host) || Boolean(socket?.startsWith('/'));
}

async function refuseUnlessEmpty(client: pg.Client, force: boolean): Promise<void> {
  const { rows } = await client.query<{ servers: string; runs: string; audit: string }>(
    'SELECT (SELECT count(*) FROM servers) AS servers, (SELECT count(*) FROM runs) AS runs, (SELECT count(*) FROM audit_events) AS audit',
  );
  const counts = rows[0] ?? { servers: '0', runs: '0', audit: '0' };
  const busy = Number(counts.servers) + Number(counts.runs) > 0;
  if (busy && !force)
    throw new Error(`This catalog is not empty (${counts.servers} servers, ${counts.runs} runs). Seed a fresh catalog, or pass --force to replace its servers, runs and audit trail.`);
  if (busy || Number(counts.audit) > 0) {
    await client.query('TRUNCATE wal_segments, restore_points, backups, check_results, check_reports, run_logs, runs, api_tokens, audit_events CASCADE');
    await client.query('DELETE FROM servers');
  }
}

async function insert(client: pg.Client, tables: readonly TableRows[], counts: Record<string, number>): Promise<void> {
  for (const t of tables) counts[t.table] = (counts[t.table] ?? 0) + (await insertRows(client, t.table, t.columns, t.rows));
}

async function seedUsers(client: pg.Client, random: Random, password: string): Promise<SeedUser[]> {
  const hash = await hashPassword(password);
  const users: SeedUser[] = [
    { id: random.uuid(), username: 'alice', role: 'admin' },
    { id: random.uuid(), username: 'bob', role: 'operator' },
    { id: random.uuid(), username: 'carol', role: 'operator' },
    { id: random.uuid(), username: 'dave', role: 'viewer' },
    { id: random.uuid(), username: 'erin', role: 'viewer' },
  ];
  for (const u of users) {
    await client.query(
      `INSERT INTO users (id, username, password_hash, role, must_change_password, updated_at) VALUES ($1, $2, $3, $4, false, now())
       ON CONFLICT (username) DO UPDATE SET password_hash = EXCLUDED.password_hash, role = EXCLUDED.role, must_change_password = false, disabled = false`,
      [u.id, u.username, hash, u.role],
    );
  }
  const { rows } = await client.query<{ id: string; username: string }>('SELECT id, username FROM users WHERE username = ANY($1)', [users.map((u) => u.username)]);
  return users.map((u) => ({ ...u, id: rows.find((r) => r.username === u.username)?.id ?? u.id }));
}

type ServerTimes = { walEndMs: number; backupEndMs: number; checksEndMs: number };

function timesFor(plan: ServerPlan, nowMs: number): ServerTimes {
  if (plan.scenario === 'disabled') return { walEndMs: nowMs - 20 * dayMs, backupEndMs: nowMs - 20 * dayMs, checksEndMs: nowMs - 20 * dayMs };
  if (plan.scenario === 'wal-stopped') return { walEndMs: nowMs - 8 * hourMs, backupEndMs: nowMs - 2 * hourMs, checksEndMs: nowMs };
  if (plan.scenario === 'checks-failing') return { walEndMs: nowMs - 2 * hourMs, backupEndMs: nowMs - 2 * hourMs, checksEndMs: nowMs };
  return { walEndMs: nowMs - 20_000, backupEndMs: nowMs, checksEndMs: nowMs };
}

async function seedServer(client: pg.Client, plan: ServerPlan, random: Random, nowMs: number, counts: Record<string, number>): Promise<{ backups: BackupPlan[]; createdMs: number }> {
  const times = timesFor(plan, nowMs);
  const spanMs = Math.max(1, plan.backupCount) * plan.backupIntervalHours * hourMs;
  const walStartMs = Math.min(times.backupEndMs, times.walEndMs) - spanMs - hourMs;
  const createdMs = plan.scenario === 'new' ? nowMs - 3 * hourMs : walStartMs - dayMs;
  const wal = planWalHistory(random, {
    count: plan.segmentCount,
    startMs: walStartMs,
    endMs: times.walEndMs,
    firstSegno: random.int(0x2000, 0x40000),
    timelineSwitches: plan.timelineSwitches,
    gapFromEnd: plan.scenario === 'wal-gap' ? { at: Math.max(6, Math.round(plan.walPerHour * 30)), length: 5 } : undefined,
  });
  const backups = planBackups(plan, random, wal, times.backupEndMs);
  const reports = planCheckReports(plan, random, backups, wal, nowMs, times.checksEndMs);
  await insert(client, [serverRow(plan, createdMs), walRows(plan, wal, random), restorePointRows(plan, wal, random, walStartMs, times.walEndMs)], counts);
  await insert(client, [...runRows(plan, backups, reports, random, nowMs), backupRows(plan, backups), ...checkRows(plan, reports)], counts);
  return { backups, createdMs };
}

export async function seedLargeCatalog(options: SeedOptions): Promise<SeedSummary> {
  if (!isLocalCatalog(options.url) && !options.force)
    throw new Error('The catalog is not on this machine. The large seed writes tens of thousands of made-up rows: point it at a local catalog, or pass --force.');
  const started = performance.now();
  await applyMigrations(options.url);
  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  try {
    await client.query('SET synchronous_commit = off');
    // All or nothing: a seed that fails half-way leaves the catalog as it found it.
    await client.query('BEGIN');
    await refuseUnlessEmpty(client, options.force);
    const random = createRandom(options.seed);
    const nowMs = Date.now();
    const users = await seedUsers(client, random, options.password);
    const servers = planFleet(random, { backups: options.backups, segments: options.segments });
    const counts: Record<string, number> = {};
    const backups = new Map<string, BackupPlan[]>();
    const created = new Map<string, number>();
    for (const plan of servers) {
      const out = await seedServer(client, plan, random, nowMs, counts);
      backups.set(plan.id, out.backups);
      created.set(plan.id, out.createdMs);
      options.log(`  ${plan.name.padEnd(20)} ${String(plan.backupCount).padStart(5)} backups ${String(plan.segmentCount).padStart(7)} segments  ${plan.scenario}`);
    }
    const earliest = Math.min(...created.values());
    await insert(client, [auditRows({ servers, backups, users, createdMs: created, random, total: options.auditEvents, fromMs: earliest, toMs: nowMs })], counts);
    await client.query('COMMIT');
    // The visibility map lets the WAL timeline read its covering index alone.
    await client.query('VACUUM (ANALYZE)');
    return { servers, rows: counts, seconds: (performance.now() - started) / 1000, users };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
