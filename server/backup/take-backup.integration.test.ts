import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingMajorReason, supportedMajors } from '../local/postgres-binaries';
import { extractBackup } from '../recovery/extract-backup';
import { useBackupFixture } from '../testing/backup-fixture';
import { startPostgres } from '../testing/postgres-server';
import { sourceRows, startSourceCluster, type SourceCluster } from '../testing/source-cluster';
import { backupPaths, storedFilePath } from './backup-layout';
import { readBackupRecord } from './backup-record';

const run = promisify(execFile);

describe.each(supportedMajors)('backups of PostgreSQL %i', (major) => {
  const missing = missingMajorReason(major);
  const fx = useBackupFixture();
  let source: SourceCluster;
  let server: { id: string; name: string };
  let scratch: string;

  beforeAll(async () => {
    if (missing) return;
    source = await startSourceCluster(major);
    server = await fx.addServer(source.server);
    scratch = await mkdtemp(path.join(os.tmpdir(), 'cellar-restore-'));
  });
  afterAll(async () => {
    await source?.destroy();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  const backupOf = (runResult: unknown) => fx.ctx.db.backup.findFirstOrThrow({ where: { backupId: (runResult as { backupId: string }).backupId, serverId: server.id } });

  it.skipIf(missing)('takes a standalone zstd backup that verifies, restores with its tablespace relocated, and has every row', async () => {
    const done = await fx.backup(server.name, { name: 'initial' });
    const backup = await backupOf(done.result);
    expect(backup).toMatchObject({ status: 'DONE', standalone: true, compression: 'zstd', timeline: 1, name: 'initial', method: 'postgres', error: null });
    expect(backup.backupId).toMatch(/^\d{8}T\d{6}$/);
    expect(backup.systemId).toMatch(/^\d+$/);
    expect(Math.floor((backup.pgVersion ?? 0) / 10_000)).toBe(major);
    expect(Number(backup.size)).toBeGreaterThan(5_000_000);
    expect(Number(backup.storedSize)).toBeLessThan(Number(backup.size) + Number(backup.walSize));
    expect(Number(backup.walSize)).toBeGreaterThanOrEqual(16 * 1024 * 1024);
    expect(backup.beginWal && backup.endWal && backup.beginWal <= backup.endWal).toBe(true);
    expect((backup.tablespaces as { name: string }[])[0]).toMatchObject({ name: 'extra', location: source.tablespaceDir });
    expect(done.progressDone).toBeGreaterThan(0n);

    const dir = backupPaths(fx.root, server.name, backup.backupId).dir;
    const record = await readBackupRecord(dir);
    expect(record.links.map((l) => l.target)).toEqual([source.tablespaceDir]);
    expect(record.links[0]?.path).toMatch(/^pg_tblspc\/\d+$/);
    expect(record.files.some((f) => f.path.startsWith('pg_tblspc/'))).toBe(true);
    expect(existsSync(path.join(dir, 'backup_manifest'))).toBe(true);
    expect(await readdir(path.dirname(dir))).toEqual([backup.backupId]); // no .partial left behind

    const dest = path.join(scratch, 'zstd', 'data');
    const relocated = path.join(scratch, 'zstd', 'tblspc');
    await extractBackup({ backupDir: dir, dest, tablespaceMap: new Map([[record.tablespaces[0]?.oid ?? 0, relocated]]) });
    const verifier = path.join(source.server.binDir, 'pg_verifybackup');
    // Debian's PostgreSQL 15 has pg_verifybackup; the embedded 18 does not (and 15's cannot read 18's manifest).
    if (existsSync(verifier)) await run(verifier, ['-m', path.join(dir, 'backup_manifest'), dest]);
    const user = source.server.osUser;
    if (user.dropsPrivileges) await run('chown', ['-R', `${user.uid}:${user.gid}`, path.join(scratch, 'zstd')]);
    await run('chmod', ['755', scratch, path.join(scratch, 'zstd')]);
    const restored = await startPostgres({ major, dataDir: dest });
    try {
      expect(await source.rowCounts(restored)).toEqual(sourceRows);
      const location = await restored.query<{ l: string }>("SELECT pg_tablespace_location(oid) AS l FROM pg_tablespace WHERE spcname = 'extra'");
      expect(location.rows[0]?.l).toBe(relocated);
    } finally {
      await restored.destroy();
    }
  });

  it.skipIf(missing).each(['none', 'gzip', 'lz4'] as const)('stores with %s and reads every file back identical (verify)', async (compression) => {
    const done = await fx.backup(server.name, { compression, reuse: false });
    const backup = await backupOf(done.result);
    expect(backup).toMatchObject({ status: 'DONE', compression });
    const dir = backupPaths(fx.root, server.name, backup.backupId).dir;
    const record = await readBackupRecord(dir);
    const sample = record.files.find((f) => f.path === 'PG_VERSION');
    expect(existsSync(path.join(dir, storedFilePath('PG_VERSION', compression)))).toBe(true);
    expect(sample?.size).toBe(3);
    const verify = await fx.ctx.db.run.create({ data: { kind: 'backup.verify', serverId: server.id, input: { backupUuid: backup.id } } });
    await fx.producer.enqueue('backup.verify', { runId: verify.id });
    const verified = await fx.waitForRun(verify.id);
    expect(verified.status, verified.error ?? '').toBe('succeeded');
    expect(await fx.ctx.db.backup.findUniqueOrThrow({ where: { id: backup.id } })).toMatchObject({ verifyStatus: 'ok' });
  });

  it.skipIf(missing)('links the files unchanged since the previous backup and reports the saving', async () => {
    const first = await backupOf((await fx.backup(server.name, { compression: 'zstd' })).result);
    await source.server.query('INSERT INTO orders SELECT g, 0 FROM generate_series(1, 10) g', [], 'shop');
    const second = await backupOf((await fx.backup(server.name, { compression: 'zstd' })).result);
    await source.server.query('DELETE FROM orders WHERE amount = 0', [], 'shop');
    expect(second.reusedFrom).toBe(first.backupId);
    expect(second.reusedFiles).toBeGreaterThan(100);
    expect(Number(second.deduplicatedSize)).toBeLessThan(Number(second.storedSize) / 2);
    const firstDir = backupPaths(fx.root, server.name, first.backupId).dir;
    const secondDir = backupPaths(fx.root, server.name, second.backupId).dir;
    const record = await readBackupRecord(secondDir);
    const reused = record.files.find((f) => f.reused && f.path.startsWith('base/'));
    const changed = record.files.filter((f) => !f.reused);
    expect(reused).toBeDefined();
    expect(changed.length).toBeGreaterThan(0);
    const [a, b] = await Promise.all([stat(path.join(firstDir, storedFilePath(reused?.path ?? '', 'zstd'))), stat(path.join(secondDir, storedFilePath(reused?.path ?? '', 'zstd')))]);
    expect(a.ino).toBe(b.ino);
  });
});
