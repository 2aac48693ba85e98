import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalog, type TestCatalog } from '../../../server/testing/catalog-fixture';
import { isLocalCatalog, seedLargeCatalog, type SeedOptions } from './seed-large-catalog';

// The large seed at a small scale: the fleet, consistent rows, the refusals that protect a real
// catalog. The full scale is exercised by the console bench.

let catalog: TestCatalog;
const options = (): SeedOptions => ({ url: catalog.url, force: false, password: 'seed-password-123', backups: 300, segments: 6_000, auditEvents: 2_000, seed: 6, log: () => undefined });

beforeAll(async () => {
  catalog = await createTestCatalog();
});
afterAll(() => catalog.drop());

describe('seedLargeCatalog', () => {
  it('lays out fifty servers whose backups, WAL and audit trail add up', async () => {
    const summary = await seedLargeCatalog(options());
    expect(summary.servers).toHaveLength(50);
    expect(await catalog.db.backup.count()).toBe(300);
    // The gap scenario leaves five segments out.
    expect(await catalog.db.walSegment.count({ where: { kind: 'segment' } })).toBe(6_000 - 5);
    expect(await catalog.db.auditEvent.count()).toBe(2_000);
    const totals = await catalog.db.$queryRaw<{ segments: bigint; missing: bigint }[]>`
      SELECT sum(segments)::bigint AS segments, sum(last_segno - first_segno + 1 - segments)::bigint AS missing FROM wal_archive_totals`;
    expect(totals[0]).toEqual({ segments: 5_995n, missing: 5n });
    // Every backup points at its run, and the one running backup has a running run.
    expect(await catalog.db.backup.count({ where: { runId: null } })).toBe(0);
    expect(await catalog.db.run.count({ where: { kind: 'backup.run', status: 'running' } })).toBe(1);
    expect(await catalog.db.user.count({ where: { username: { in: ['alice', 'bob', 'carol', 'dave', 'erin'] } } })).toBe(5);
  });

  it('refuses a catalog that already has servers, unless forced', async () => {
    await expect(seedLargeCatalog(options())).rejects.toThrow(/not empty \(50 servers/);
    await seedLargeCatalog({ ...options(), force: true, backups: 100 });
    expect(await catalog.db.backup.count()).toBe(100);
  });

  it('refuses a catalog on another machine', async () => {
    expect(isLocalCatalog('postgresql://cellar@127.0.0.1:5432/cellar')).toBe(true);
    expect(isLocalCatalog('postgresql://cellar@localhost/cellar')).toBe(true);
    expect(isLocalCatalog('postgresql://cellar@[::1]/cellar')).toBe(true);
    expect(isLocalCatalog('postgresql:///cellar?host=/var/run/postgresql')).toBe(true);
    expect(isLocalCatalog('postgresql://cellar@db.example.com/cellar')).toBe(false);
    await expect(seedLargeCatalog({ ...options(), url: 'postgresql://cellar@db.example.com/cellar' })).rejects.toThrow(/not on this machine/);
  });
});
