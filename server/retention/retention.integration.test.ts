import { access, chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetEnvCache } from '../config/env';
import { disconnectDb } from '../db/client';
import { generateApiToken, hashToken, tokenDisplayPrefix } from '../auth/tokens';
import { missingMajorReason } from '../local/postgres-binaries';
import { backupPaths } from '../backup/backup-layout';
import { useBackupFixture } from '../testing/backup-fixture';
import { startPostgres, type PostgresServer } from '../testing/postgres-server';
import { startRouteServer, type RouteServer } from '../http/route-server';
import { retentionApply } from '@/workers/processors/retention-apply';
import { applyRetention } from './apply-retention';
import { previewRetention } from './preview-retention';
import { startRetention } from './start-retention';
import { assertArchiveServes, assertRepositoryConsistent, restoreToLatest } from './retention-test-support';
import type { DeletionStep } from './delete-backup-completely';

// A policy applied to a real repository: backups of a real PostgreSQL 15 whose WAL arrives
// through archive_command (cellar-wal-archive → the WAL route), deletions interrupted at every
// step and resumed, the preview compared with what the run does, and the oldest remaining
// backup restored with restore_command (cellar-wal-restore) to the latest archived point.

const major = 15;
const missing = missingMajorReason(major);
const repoRoot = path.resolve(import.meta.dirname, '../..');

describe.skipIf(missing)('retention on a real repository (PostgreSQL 15, WAL pushed by archive_command)', () => {
  const fx = useBackupFixture({ processors: { 'retention.apply': retentionApply } });
  let web: RouteServer;
  let pg: PostgresServer;
  let server: { id: string; name: string };
  let secrets: string;
  let tokenFile: string;
  const backupIds: string[] = [];

  const waitUntil = async (what: string, ok: () => Promise<boolean>, ms = 60_000) => {
    for (const deadline = Date.now() + ms; !(await ok()); await sleep(200)) if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  };
  const switchWal = async () => {
    await pg.query('INSERT INTO ticks VALUES (now())');
    const name = (await pg.query<{ name: string }>('SELECT pg_walfile_name(pg_switch_wal()) AS name')).rows[0]?.name ?? '';
    await waitUntil(`${name} archived`, async () => Boolean(await fx.ctx.db.walSegment.findFirst({ where: { serverId: server.id, name } })));
  };
  const serverRow = () => fx.ctx.db.server.findUniqueOrThrow({ where: { id: server.id } });
  const setPolicy = (retentionPolicy: string, minimumRedundancy = 1) => fx.ctx.db.server.update({ where: { id: server.id }, data: { retentionPolicy, minimumRedundancy } });

  beforeAll(async () => {
    process.env.DATABASE_URL = fx.catalog.url;
    process.env.CELLAR_REPOSITORY = fx.root;
    resetEnvCache();
    const { PUT, GET } = await import('@/app/api/servers/[name]/wal/[file]/route');
    web = await startRouteServer([{ pattern: /^\/api\/servers\/(?<name>[^/]+)\/wal\/(?<file>[^/]+)$/, methods: { PUT, GET } }]);
    const user = await fx.ctx.db.user.create({ data: { username: 'retention', passwordHash: 'x', role: 'operator' } });
    server = await fx.ctx.db.server.create({ data: { name: 'kept', conninfo: 'host=127.0.0.1 port=1 user=postgres', pushArchiver: true, walCompression: 'zstd' }, select: { id: true, name: true } });
    const token = generateApiToken();
    await fx.ctx.db.apiToken.create({ data: { name: 'db host', kind: 'wal_archive', prefix: tokenDisplayPrefix(token), tokenHash: hashToken(token), role: 'operator', userId: user.id, serverId: server.id } });
    secrets = await mkdtemp(path.join(os.tmpdir(), 'cellar-retention-'));
    await chmod(secrets, 0o755);
    tokenFile = path.join(secrets, 'token');
    await writeFile(tokenFile, `${token}\n`, { mode: 0o644 });
    const archive = [process.execPath, path.join(repoRoot, 'bin/cellar-wal-archive.mjs'), '--url', web.url, '--server', server.name, '--token-file', tokenFile].map((a) => `'${a}'`).join(' ');
    pg = await startPostgres({ major, settings: { archive_mode: 'on', archive_command: `${archive} %p`, wal_keep_size: '64MB' } });
    await fx.ctx.db.server.update({ where: { id: server.id }, data: { conninfo: pg.conninfo() } });
    await pg.query('CREATE TABLE ticks (at timestamptz); CREATE TABLE facts (backup int, n int)');
    for (let i = 1; i <= 5; i++) {
      await pg.query(`INSERT INTO facts SELECT ${i}, g FROM generate_series(1, 1000) g`);
      await switchWal();
      const done = await fx.backup(server.name, { standalone: false, compression: 'zstd' });
      const backupId = (done.result as { backupId: string }).backupId;
      backupIds.push(backupId);
      await switchWal();
      await waitUntil(`backup ${backupId} DONE`, async () => (await fx.ctx.db.backup.findFirstOrThrow({ where: { serverId: server.id, backupId } })).status === 'DONE');
      await switchWal(); // WAL between this backup and the next one
    }
  }, 300_000);

  afterAll(async () => {
    await pg?.destroy();
    await web?.stop();
    await disconnectDb();
    if (secrets) await rm(secrets, { recursive: true, force: true });
  });

  it('finishes a deletion interrupted at any step, and no remaining backup ever lacks its WAL', async () => {
    await setPolicy('REDUNDANCY 4');
    const oldest = backupIds[0] ?? '';
    const steps: DeletionStep[] = ['marked', 'renamed', 'wal', 'files'];
    for (const step of steps) {
      const crash = (reached: DeletionStep) => (reached === step ? Promise.reject(new Error(`killed after ${step}`)) : Promise.resolve());
      await expect(applyRetention({ ctx: fx.ctx, input: { server: await serverRow(), root: fx.root, waitMs: 0 }, hooks: { afterStep: crash } })).rejects.toThrow(`killed after ${step}`);
      const row = await fx.ctx.db.backup.findFirstOrThrow({ where: { serverId: server.id, backupId: oldest } });
      expect(row.deletingAt, step).not.toBeNull();
      expect((await previewRetention({ ctx: fx.ctx, input: { server: server.name } })).backups.find((b) => b.backupId === oldest)?.action).toBe('resume-delete');
      await assertRepositoryConsistent(fx.ctx, fx.root, server);
    }
    const finished = await applyRetention({ ctx: fx.ctx, input: { server: await serverRow(), root: fx.root, waitMs: 0 } });
    expect(finished).toMatchObject({ busy: false, deleted: [oldest] });
    expect(await fx.ctx.db.backup.count({ where: { serverId: server.id, backupId: oldest } })).toBe(0);
    await expect(access(backupPaths(fx.root, server.name, oldest).deletingDir)).rejects.toThrow();
    await assertRepositoryConsistent(fx.ctx, fx.root, server);
  });

  it('previews what a run then deletes: the backups, their reasons and the WAL that goes with them', async () => {
    await setPolicy('REDUNDANCY 2');
    const preview = await previewRetention({ ctx: fx.ctx, input: { server: server.name } });
    const [, second, third, fourth, fifth] = backupIds;
    expect(preview).toMatchObject({ policy: 'REDUNDANCY 2', minimumRedundancy: 1, toDelete: [second, third] });
    expect(preview.backups.map((b) => [b.backupId, b.retentionStatus, b.action])).toEqual([
      [fifth, 'VALID', 'keep'],
      [fourth, 'VALID', 'keep'],
      [third, 'OBSOLETE', 'delete'],
      [second, 'OBSOLETE', 'delete'],
    ]);
    expect(preview.backups[2]?.reason).toMatch(/older than the 2 newest DONE backups/);
    const fourthRow = await fx.ctx.db.backup.findFirstOrThrow({ where: { serverId: server.id, backupId: fourth } });
    expect(preview.wal.files).toBeGreaterThan(3);
    expect(preview.wal.last! < fourthRow.beginWal!).toBe(true);
    const walBefore = await fx.ctx.db.walSegment.count({ where: { serverId: server.id } });

    const run = await startRetention({ ctx: fx.ctx, producer: fx.producer, input: { server: server.name, body: { backupIds: preview.toDelete } } });
    const done = await fx.waitForRun(run.id);
    expect(done.status, done.error ?? '').toBe('succeeded');
    expect(done.result).toMatchObject({ deleted: [second, third], walFilesRemoved: preview.wal.files, skipped: [] });
    expect(await fx.ctx.db.walSegment.count({ where: { serverId: server.id } })).toBe(walBefore - preview.wal.files);
    expect((await readdir(path.join(fx.root, server.name, 'base'))).sort()).toEqual([fourth, fifth]);
    expect(await fx.ctx.db.walSegment.count({ where: { serverId: server.id, kind: { not: 'history' }, name: { lt: fourthRow.beginWal! } } })).toBe(0);
    const audit = await fx.ctx.db.auditEvent.findMany({ where: { action: { in: ['backup.delete', 'retention.apply'] } }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => [a.action, a.targetId, (a.details as { mode?: string } | null)?.mode ?? null])).toEqual([
      ['backup.delete', `${server.name}/${backupIds[0]}`, 'retention'],
      ['retention.apply', server.name, null],
      ['backup.delete', `${server.name}/${second}`, 'retention'],
      ['backup.delete', `${server.name}/${third}`, 'retention'],
    ]);
    await assertRepositoryConsistent(fx.ctx, fx.root, server);
    await assertArchiveServes(fx.ctx, fx.root, server, fourthRow.beginWal!);
  });

  it('restores the oldest remaining backup to the latest archived point', async () => {
    await pg.query('INSERT INTO facts SELECT 99, g FROM generate_series(1, 7) g');
    await switchWal();
    const oldest = await fx.ctx.db.backup.findFirstOrThrow({ where: { serverId: server.id }, orderBy: { backupId: 'asc' } });
    expect(oldest.backupId).toBe(backupIds[3]);
    const restored = await restoreToLatest({
      major,
      backupDir: backupPaths(fx.root, server.name, oldest.backupId).dir,
      restoreCommand: [process.execPath, path.join(repoRoot, 'bin/cellar-wal-restore.mjs'), '--url', web.url, '--server', server.name, '--token-file', tokenFile],
    });
    try {
      const counts = await restored.query<{ backup: number; n: string }>('SELECT backup, count(*) AS n FROM facts GROUP BY backup ORDER BY backup');
      expect(counts.rows.map((r) => [r.backup, Number(r.n)])).toEqual([[1, 1000], [2, 1000], [3, 1000], [4, 1000], [5, 1000], [99, 7]]);
    } finally {
      await restored.destroy();
    }
  });
});
