import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Ctx } from '../context';
import { getServerLiveStatus } from '../servers/get-server-live-status';
import { getServerCatalogStatus } from '../servers/get-server-catalog-status';
import { insertBackupRows } from '../testing/backup-rows';
import { createTestCatalog, type TestCatalog } from '../testing/catalog-fixture';
import { startPostgres, type PostgresServer } from '../testing/postgres-server';
import { insertWalRows } from '../testing/wal-rows';
import { getFleet } from './get-fleet';

// The fleet dashboard and Barman's status, on a catalog of four servers in four states, and the
// live part of the status against a real PostgreSQL 15 (and one that is not there).

let catalog: TestCatalog;
let ctx: Ctx;
let pg: PostgresServer;
const hour = 3_600_000;
const now = Date.now();

async function server(name: string, data: Record<string, unknown> = {}) {
  return catalog.db.server.create({ data: { name, conninfo: 'host=127.0.0.1 port=1 user=x', lastBackupMaximumAge: '1 day', lastWalMaximumAge: '1 hour', pushArchiver: true, ...data } });
}

async function report(serverId: string, ok: boolean, failed: string[] = []) {
  await catalog.db.checkReport.create({
    data: {
      serverId,
      ok,
      durationMs: 10,
      checkedAt: new Date(now - 10 * 60_000),
      results: { create: [...failed.map((name, i) => ({ position: i, name, status: 'FAILED' as const, hint: 'broken' })), { position: 99, name: 'wal_level', status: 'OK' as const }] },
    },
  });
}

beforeAll(async () => {
  [catalog, pg] = await Promise.all([createTestCatalog(), startPostgres({ major: 15, settings: { archive_mode: 'on', archive_command: '/bin/true' } })]);
  ctx = { db: catalog.db, actor: systemActor, requestId: randomUUID(), log: pino({ level: 'silent' }) };
  const fine = await server('fine', { minimumRedundancy: 2 });
  await insertBackupRows(catalog.db, fine.id, [{ at: new Date(now - 30 * hour), beginSegno: 1n, endSegno: 2n }, { at: new Date(now - 5 * hour), beginSegno: 40n, endSegno: 41n }]);
  await insertWalRows(catalog.db, fine.id, [{ timeline: 1, from: 1n, to: 50n, startMs: now - 31 * hour, everyMs: (31 * hour) / 50 }]);
  await report(fine.id, true);
  const broken = await server('broken');
  await insertBackupRows(catalog.db, broken.id, [{ at: new Date(now - 3 * hour), beginSegno: 5n, endSegno: 6n }, { at: new Date(now - hour), status: 'FAILED' }]);
  await insertWalRows(catalog.db, broken.id, [{ timeline: 1, from: 1n, to: 20n, startMs: now - 12 * hour, everyMs: hour / 2, skip: [9n, 10n] }]);
  await report(broken.id, false, ['PostgreSQL']);
  await server('fresh', { pushArchiver: false });
  await server('off', { enabled: false });
  await catalog.db.server.create({ data: { name: 'live', conninfo: pg.conninfo() } });
});
afterAll(() => Promise.all([catalog.drop(), pg.destroy()]));

describe('getFleet', () => {
  it('judges every server and puts trouble first', async () => {
    const fleet = await getFleet({ ctx });
    expect(fleet.servers.map((s) => [s.name, s.health])).toEqual([
      ['broken', 'critical'],
      ['fresh', 'warning'],
      ['live', 'warning'],
      ['fine', 'ok'],
      ['off', 'disabled'],
    ]);
    expect(fleet.counts).toEqual({ critical: 1, warning: 2, ok: 1, disabled: 1 });
    const broken = fleet.servers[0];
    expect(broken?.problems.map((p) => p.code)).toEqual(['checks_failed', 'wal_gap', 'wal_too_old', 'last_backup_failed']);
    expect(broken).toMatchObject({ lastCheck: { ok: false, failed: ['PostgreSQL'] }, backups: { available: 1, failed: 1 }, wal: { segments: 18, missingSegments: 2 } });
    expect(broken?.lastBackup?.status).toBe('FAILED');
    expect(broken?.lastAvailableBackup?.status).toBe('DONE');
  });

  it('reports repository use and the last WAL from the catalog', async () => {
    const fine = (await getFleet({ ctx, input: { server: 'fine' } })).servers;
    expect(fine).toHaveLength(1);
    expect(fine[0]).toMatchObject({ storage: { backups: 250, wal: 50 * 4 * 1024 * 1024 }, wal: { segments: 50, timelines: 1, missingSegments: 0 }, backupMaximumAgeSeconds: 86_400, walMaximumAgeSeconds: 3_600 });
    expect(fine[0]?.wal.last?.name).toBe('000000010000000000000032');
  });
});

describe("getServerCatalogStatus (Barman's status from the catalog)", () => {
  it('counts backups, redundancy and the archive', async () => {
    const s = await getServerCatalogStatus({ ctx, input: { server: 'fine' } });
    expect(s.redundancy).toEqual({ available: 2, minimum: 2, satisfied: true });
    expect(s.backups.first?.backupId).toMatch(/^\d{8}T\d{6}$/);
    expect(s.wal).toMatchObject({ segments: 50, timelines: [1], missingSegments: 0, size: 50 * 16 * 1024 * 1024 });
    expect(s.wal.lastDay).toBeGreaterThan(30);
    expect((await getServerCatalogStatus({ ctx, input: { server: 'broken' } })).wal.missingSegments).toBe(2);
  });
});

describe('getServerLiveStatus', () => {
  it("reads what PostgreSQL says now: version, state, WAL position, archiver", async () => {
    const live = await getServerLiveStatus({ ctx, input: { server: 'live' } });
    expect(live.versionNum).toBeGreaterThanOrEqual(150000);
    expect(live.inRecovery).toBe(false);
    expect(live.currentWal).toMatch(/^[0-9A-F]{24}$/);
    expect(live.currentLsn).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    expect(live.archiveMode).toBe('on');
    expect(live.dataSize).toBeGreaterThan(1_000_000);
    expect(live.archiver?.failedCount).toBe(0);
  });

  it('answers 503 with the reason when PostgreSQL is not there', async () => {
    const refused = getServerLiveStatus({ ctx, input: { server: 'fine' } });
    await expect(refused).rejects.toMatchObject({ code: 'unavailable' });
    await expect(refused).rejects.toThrow(/Cannot connect to fine/);
  });
});
