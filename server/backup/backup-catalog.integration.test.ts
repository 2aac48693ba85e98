import { readdir, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackupInput } from '../contracts/backups';
import { availableMajors } from '../local/postgres-binaries';
import { useBackupFixture } from '../testing/backup-fixture';
import { startSourceCluster, type SourceCluster } from '../testing/source-cluster';
import { backupPaths, storedFilePath } from './backup-layout';
import { deleteBackup } from './delete-backup';
import { getBackup } from './get-backup';
import { keepBackup } from './keep-backup';
import { listBackupFiles } from './list-backup-files';
import { listBackups } from './list-backups';
import { startBackupVerify } from './start-backup-verify';
import { startBackups } from './start-backups';

// The catalog verbs behind the API, on real backups: list, show, files, keep, delete and their
// refusals, verify finding what was damaged, and "back up all".

const major = availableMajors().at(-1) ?? 15;
const fx = useBackupFixture();
let source: SourceCluster;
let server: { id: string; name: string };
const backupIds: string[] = [];

beforeAll(async () => {
  source = await startSourceCluster(major);
  server = await fx.addServer(source.server, { minimumRedundancy: 1 });
  for (const name of ['monday', 'tuesday']) backupIds.push(((await fx.backup(server.name, { name })).result as { backupId: string }).backupId);
});
afterAll(() => source?.destroy());

const input = (backup: string) => ({ server: server.name, backup, root: fx.root });

describe('the backup catalog', () => {
  it('lists newest first, a page at a time, and shows every field with neighbours', async () => {
    const first = await listBackups({ ctx: fx.ctx, input: { server: server.name, query: { limit: 1 } } });
    expect(first.backups.map((b) => b.name)).toEqual(['tuesday']);
    const second = await listBackups({ ctx: fx.ctx, input: { server: server.name, query: { limit: 1, cursor: first.nextCursor ?? undefined } } });
    expect(second.backups.map((b) => b.name)).toEqual(['monday']);
    expect(second.nextCursor).toBeNull();

    const shown = await getBackup({ ctx: fx.ctx, input: { server: server.name, backup: 'latest' } });
    expect(shown).toMatchObject({ name: 'tuesday', status: 'DONE', type: 'full', previousBackupId: backupIds[0], nextBackupId: null, checkpoint: 'fast' });
    expect(shown.throughput).toBeGreaterThan(0);
    expect(shown.compressionRatio).toBeGreaterThan(0);
    expect(shown.compressionRatio).toBeLessThan(1);
    expect(shown.walCount).toBeGreaterThanOrEqual(1);
    expect(shown.dedupSaving).toBeGreaterThan(0); // tuesday links monday's unchanged files
    expect(shown.reusedFrom).toBe(backupIds[0]);
    expect(await getBackup({ ctx: fx.ctx, input: { server: server.name, backup: 'monday' } })).toMatchObject({ backupId: backupIds[0] });
    await expect(getBackup({ ctx: fx.ctx, input: { server: server.name, backup: 'sunday' } })).rejects.toThrow(/has no backup "sunday"/);
  });

  it('lists files in path order with a search', async () => {
    const page = await listBackupFiles({ ctx: fx.ctx, input: { ...input('monday'), query: { limit: 2, search: 'pg_filenode' } } });
    expect(page.total).toBeGreaterThanOrEqual(2);
    expect(page.files.every((f) => f.path.includes('pg_filenode'))).toBe(true);
    expect(page.files[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
    const all = await listBackupFiles({ ctx: fx.ctx, input: { ...input('tuesday'), query: { limit: 1000 } } });
    const paths = all.files.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(all.files.some((f) => f.reused)).toBe(true);
  });

  it('refuses to delete a kept backup, or one that minimum redundancy needs, with the reason', async () => {
    await keepBackup({ ctx: fx.ctx, input: { ...input('monday'), target: 'full' } });
    await expect(deleteBackup({ ctx: fx.ctx, input: input('monday') })).rejects.toThrow(/is kept \(full\); release it first/);
    await keepBackup({ ctx: fx.ctx, input: { ...input('monday'), target: null } });
    // minimum_redundancy 1: one of the two may go, not both.
    await deleteBackup({ ctx: fx.ctx, input: input('monday') });
    await expect(deleteBackup({ ctx: fx.ctx, input: input('tuesday') })).rejects.toThrow(/below minimum_redundancy 1/);
    expect(await readdir(path.join(fx.root, server.name, 'base'))).toEqual([backupIds[1]]);
    // tuesday's files that were links to monday's survive monday's deletion.
    const verified = await fx.waitForRun((await startBackupVerify({ ctx: fx.ctx, producer: fx.producer, input: { server: server.name, backup: 'tuesday' } })).id);
    expect(verified.status, verified.error ?? '').toBe('succeeded');
    const audit = await fx.ctx.db.auditEvent.findMany({ where: { action: 'backup.delete' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.outcome)).toEqual(['failure', 'success', 'failure']);
  });

  it('verify names the missing, changed and extra files of a damaged backup', async () => {
    const done = await fx.backup(server.name, { compression: 'none', name: 'to-damage' });
    const backupId = (done.result as { backupId: string }).backupId;
    const dir = backupPaths(fx.root, server.name, backupId).dir;
    await unlink(path.join(dir, storedFilePath('PG_VERSION', 'none')));
    await writeFile(path.join(dir, storedFilePath('global/pg_filenode.map', 'none')), 'not a filenode map');
    await writeFile(path.join(dir, 'data', 'intruder'), 'x');
    await rm(path.join(dir, 'data', 'pg_wal'), { recursive: true });
    const run = await startBackupVerify({ ctx: fx.ctx, producer: fx.producer, input: { server: server.name, backup: 'to-damage' } });
    const failed = await fx.waitForRun(run.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/missing \(PG_VERSION[,)]/);
    expect(failed.error).toMatch(/global\/pg_filenode\.map: size 18, the manifest says \d+/);
    expect(failed.error).toMatch(/not in the manifest \(intruder\)/);
    expect(failed.error).toMatch(/WAL segments missing or short: 0000/);
    expect(await fx.ctx.db.backup.findFirstOrThrow({ where: { backupId, serverId: server.id } })).toMatchObject({ verifyStatus: 'failed' });
  });

  it('backs up all enabled servers at once and says why one was skipped', async () => {
    const other = await fx.addServer(source.server);
    const disabled = await fx.addServer(source.server, { enabled: false });
    const busy = await fx.startBackup(other.name, { maxRateKbps: 32 });
    const result = await startBackups({ ctx: fx.ctx, producer: fx.producer, input: startBackupInput.omit({ name: true }).parse({}) });
    expect(result.started.map((r) => r.serverName)).toContain(server.name);
    expect(result.skipped.find((s) => s.server === other.name)?.reason).toMatch(/already (queued|running)/);
    expect(result.started.map((r) => r.serverName)).not.toContain(disabled.name);
    await fx.ctx.db.run.update({ where: { id: busy.id }, data: { cancelRequested: true } });
    await Promise.all([...result.started.map((r) => fx.waitForRun(r.id)), fx.waitForRun(busy.id)]);
    await expect(startBackups({ ctx: fx.ctx, producer: fx.producer, input: { servers: ['nope'], checkpoint: 'fast' } })).rejects.toThrow(/Some servers do not exist/);
  });
});
