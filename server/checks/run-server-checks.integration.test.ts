import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingMajorReason, supportedMajors } from '../local/postgres-binaries';
import { startPostgres, type PostgresServer } from '../testing/postgres-server';
import { failedNames, findCheck, useCheckFixture } from './check-fixture';
import { formatNagios } from './format-nagios';
import { listCheckReports } from './list-check-reports';

const fx = useCheckFixture();
const { makeServer, check } = fx;
const find = findCheck;

describe.each(supportedMajors)('checks against PostgreSQL %i', (major) => {
  const missing = missingMajorReason(major);
  let pg: PostgresServer;
  let minimal: PostgresServer;

  beforeAll(async () => {
    if (missing) return;
    [pg, minimal] = await Promise.all([
      startPostgres({
        major,
        settings: { archive_mode: 'on', archive_command: '/bin/true', archive_timeout: 0 },
      }),
      startPostgres({ major, settings: { wal_level: 'minimal', max_wal_senders: 0 } }),
    ]);
  });
  afterAll(async () => {
    await Promise.allSettled([pg?.destroy(), minimal?.destroy()]);
  });

  it.skipIf(missing)(
    'a healthy server with archive_mode=on passes, and the report is kept in order',
    async () => {
      const server = await makeServer({ conninfo: pg.conninfo() });
      const { reportId, ok, results, durationMs } = await check(server.id);
      expect(failedNames(results)).toEqual([]);
      expect(ok).toBe(true);
      const learned = await fx.catalog.db.server.findUniqueOrThrow({ where: { id: server.id } });
      expect(Math.floor((learned.pgVersion ?? 0) / 10_000)).toBe(major);
      expect(learned.systemId).toMatch(/^\d+$/);
      expect(results.map((r) => r.name)).toEqual([
        'PostgreSQL',
        'superuser or standard user with backup privileges',
        'PostgreSQL streaming',
        'wal_level',
        'directories',
        'retention policy settings',
        'backup maximum age',
        'backup minimum size',
        'wal maximum age',
        'wal size',
        'compression settings',
        'failed backups',
        'minimum redundancy requirements',
        'systemid coherence',
        'archive_mode',
        'archive_command',
        'continuous archiving',
        'archiver errors',
      ]);
      expect(find(results, 'systemid coherence')?.hint).toBe('no system Id stored on disk');
      expect(find(results, 'directories')?.hint).toContain(path.join(fx.repositoryRoot, server.name));
      expect(durationMs).toBeGreaterThan(0);

      const stored = await fx.catalog.db.checkReport.findUniqueOrThrow({
        where: { id: reportId },
        include: { results: { orderBy: { position: 'asc' } } },
      });
      expect(stored.ok).toBe(true);
      expect(stored.results.map((r) => r.name)).toEqual(results.map((r) => r.name));
      expect(stored.results.find((r) => r.name === 'wal size')?.perfdata).toEqual({ wal_size: 0 });

      const listed = await listCheckReports({ ctx: fx.ctx, input: { name: server.name } });
      expect(listed.latest?.id).toBe(reportId);
      expect(listed.latest?.results).toEqual(results);
      expect(formatNagios({ server: server.name, results }).text).toBe(
        `BARMAN OK - Ready to serve the Espresso backup for ${server.name}|${server.name}=0B ${server.name}_wals=0B\n`,
      );
    },
  );

  it.skipIf(missing)('systemid coherence compares the live systemid with identity.json', async () => {
    const server = await makeServer({ conninfo: pg.conninfo() });
    await mkdir(path.join(fx.repositoryRoot, server.name), { recursive: true });
    await writeFile(
      path.join(fx.repositoryRoot, server.name, 'identity.json'),
      JSON.stringify({ systemid: '1', version: major }),
    );
    const first = await check(server.id);
    expect(find(first.results, 'systemid coherence')).toMatchObject({
      status: 'FAILED',
      hint: expect.stringContaining('changed') as unknown,
    });
    const { rows } = await pg.query<{ id: string }>(
      'SELECT system_identifier::text AS id FROM pg_control_system()',
    );
    await writeFile(
      path.join(fx.repositoryRoot, server.name, 'identity.json'),
      JSON.stringify({ systemid: rows[0]?.id, version: major }),
    );
    expect(find((await check(server.id)).results, 'systemid coherence')).toEqual({
      name: 'systemid coherence',
      status: 'OK',
    });
  });

  it.skipIf(missing)(
    'wal_level=minimal (max_wal_senders=0) fails wal_level, streaming and archive_mode',
    async () => {
      const server = await makeServer({ conninfo: minimal.conninfo() });
      const { ok, results } = await check(server.id);
      expect(ok).toBe(false);
      expect(find(results, 'wal_level')).toMatchObject({
        status: 'FAILED',
        hint: expect.stringMatching(/^please set it to a higher level than 'minimal'/) as unknown,
      });
      expect(find(results, 'PostgreSQL streaming')).toMatchObject({
        status: 'FAILED',
        hint: expect.stringMatching(/max_wal_senders/) as unknown,
      });
      expect(find(results, 'archive_mode')?.status).toBe('FAILED');
      expect(find(results, 'PostgreSQL')?.status).toBe('OK');
    },
  );

  it.skipIf(missing)(
    'a role without backup privileges is told the exact GRANTs, which then work',
    async () => {
      const role = `plain_${randomBytes(3).toString('hex')}`;
      await pg.query(`CREATE ROLE ${role} LOGIN`);
      const server = await makeServer({
        conninfo: `host=127.0.0.1 port=${pg.port} user=${role} dbname=postgres`,
      });
      const before = await check(server.id);
      const denied = find(before.results, 'no access to backup functions');
      expect(denied?.status).toBe('FAILED');
      expect(find(before.results, 'superuser or standard user with backup privileges')).toBeUndefined();
      expect(find(before.results, 'PostgreSQL streaming')).toMatchObject({
        status: 'FAILED',
        hint: expect.stringContaining(`ALTER ROLE ${role} REPLICATION;`) as unknown,
      });
      expect(denied?.hint).toContain(`GRANT EXECUTE ON FUNCTION pg_backup_start(text, boolean) TO ${role};`);

      // Run the hint as a DBA would: everything after "as a superuser run: ".
      await pg.query(denied?.hint?.split('as a superuser run: ')[1] ?? 'SELECT 1');
      const after = await check(server.id);
      expect(find(after.results, 'superuser or standard user with backup privileges')?.status).toBe('OK');
      expect(find(after.results, 'PostgreSQL streaming')?.status).toBe('OK');
      expect(find(after.results, 'archive_command')?.status).toBe('OK');
    },
  );

  it.skipIf(missing)(
    'a missing slot fails "replication slot" and "receive-wal running"; an unused slot is "not active"',
    async () => {
      const slot = `cellar_${randomBytes(3).toString('hex')}`;
      const server = await makeServer({
        conninfo: pg.conninfo(),
        slotName: slot,
        streamingArchiver: true,
        pushArchiver: false,
        createSlot: false,
      });
      const missingSlot = await check(server.id);
      expect(find(missingSlot.results, 'replication slot')).toMatchObject({
        status: 'FAILED',
        hint: expect.stringContaining(`replication slot '${slot}' doesn't exist`) as unknown,
      });
      expect(find(missingSlot.results, 'receive-wal running')?.status).toBe('FAILED');
      expect(find(missingSlot.results, 'archive_mode')).toBeUndefined();

      await pg.query('SELECT pg_create_physical_replication_slot($1, true)', [slot]);
      const idle = await check(server.id);
      expect(find(idle.results, 'replication slot')).toEqual({
        name: 'replication slot',
        status: 'FAILED',
        hint: `slot '${slot}' not active: is the Cellar WAL receiver running?`,
      });
      await pg.query('SELECT pg_drop_replication_slot($1)', [slot]);
    },
  );

  it.skipIf(missing)('catalog facts drive the backup and WAL checks', async () => {
    const server = await makeServer({
      conninfo: pg.conninfo(),
      lastBackupMaximumAge: '1 day',
      lastBackupMinimumSize: 1_000_000n,
      lastWalMaximumAge: '1 hour',
      minimumRedundancy: 2,
    });
    const empty = await check(server.id);
    expect(find(empty.results, 'backup maximum age')?.hint).toBe(
      'interval provided: 1 day, latest backup age: none (no backups yet; take one)',
    );
    expect(find(empty.results, 'wal maximum age')?.status).toBe('FAILED');

    const base = { serverId: server.id, method: 'postgres', compression: 'zstd', timeline: 1 } as const;
    await fx.catalog.db.backup.createMany({
      data: [
        { ...base, backupId: '20260101T000000', status: 'FAILED', error: 'disk full' },
        {
          ...base,
          backupId: '20260102T000000',
          status: 'DONE',
          endTime: new Date(Date.now() - 2 * 3600_000),
          size: 20_000_000n,
          beginWal: '000000010000000000000002',
          endWal: '000000010000000000000003',
        },
      ],
    });
    const seg = (n: number, minutesAgo: number) => ({
      serverId: server.id,
      name: `00000001000000000000000${n}`,
      timeline: 1,
      segno: BigInt(n),
      size: 16_777_216n,
      storedSize: 1_000_000n,
      codec: 'zstd' as const,
      checksum: 'x',
      source: 'push',
      archivedAt: new Date(Date.now() - minutesAgo * 60_000),
    });
    await fx.catalog.db.walSegment.createMany({ data: [seg(1, 300), seg(2, 200), seg(3, 100), seg(4, 10)] });

    const { results } = await check(server.id);
    expect(find(results, 'backup maximum age')?.status).toBe('OK');
    expect(find(results, 'backup minimum size')).toMatchObject({
      status: 'OK',
      perfdata: { backup_size: 20_000_000 },
    });
    expect(find(results, 'wal maximum age')).toMatchObject({
      status: 'OK',
      hint: 'interval provided: 1 hour, latest wal age: 10 minutes',
    });
    expect(find(results, 'wal size')).toEqual({
      name: 'wal size',
      status: 'OK',
      hint: '16.0 MiB',
      perfdata: { wal_size: 16_777_216 },
    });
    expect(find(results, 'failed backups')).toMatchObject({
      status: 'FAILED',
      hint: expect.stringMatching(/^there are 1 failed backups/) as unknown,
    });
    expect(find(results, 'minimum redundancy requirements')).toEqual({
      name: 'minimum redundancy requirements',
      status: 'FAILED',
      hint: 'have 1 non-incremental backups, expected at least 2',
    });
  });
});
