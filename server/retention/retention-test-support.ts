import { access, chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { expect } from 'vitest';
import type { Ctx } from '../context';
import type { PgMajor } from '../local/postgres-binaries';
import { backupPaths, baseDir } from '../backup/backup-layout';
import { walSegmentName, parseWalSegmentName } from '../pg/wal-name';
import { extractBackup } from '../recovery/extract-backup';
import { startPostgres, type PostgresServer } from '../testing/postgres-server';
import { getWalFile } from '../wal/get-wal-file';
import { parseWalFileName } from '../wal/wal-file-name';
import { storedWalPath } from '../wal/wal-layout';

// Checks and a small restore for the retention integration tests (not production code).

const exists = (file: string) => access(file).then(() => true, () => false);

/**
 * The catalog and the repository agree, and the WAL the remaining backups need is all there:
 * every backup row not being deleted has its directory and every directory its row; every WAL
 * row has its file; from the oldest remaining backup's begin_wal to the newest archived
 * segment of its timeline, no segment is missing.
 */
export async function assertRepositoryConsistent(ctx: Ctx, root: string, server: { id: string; name: string }): Promise<void> {
  const rows = await ctx.db.backup.findMany({ where: { serverId: server.id }, orderBy: { backupId: 'asc' } });
  const live = rows.filter((b) => b.deletingAt === null && b.status !== 'FAILED');
  for (const b of live) expect(await exists(path.join(backupPaths(root, server.name, b.backupId).dir, 'backup.json')), `directory of ${b.backupId}`).toBe(true);
  const dirs = (await readdir(baseDir(root, server.name))).filter((d) => !d.startsWith('.'));
  // A directory belongs to a row; a row marked for deletion may still have its directory (the
  // mark comes first), renamed aside or not, until the deletion is finished.
  for (const d of dirs) expect(rows.map((b) => b.backupId), `row of directory ${d}`).toContain(d);

  const wal = await ctx.db.walSegment.findMany({ where: { serverId: server.id }, orderBy: { name: 'asc' } });
  for (const w of wal) expect(await exists(storedWalPath(root, server.name, parseWalFileName(w.name), w.codec)), `file of WAL row ${w.name}`).toBe(true);
  const oldest = live.find((b) => b.status === 'DONE');
  if (!oldest?.beginWal || oldest.timeline === null) return;
  const segments = new Set(wal.filter((w) => w.kind === 'segment' && w.timeline === oldest.timeline).map((w) => w.segno));
  const begin = parseWalSegmentName(oldest.beginWal).segno;
  const newest = [...segments].reduce((a, b) => (a > b ? a : b), begin);
  for (let segno = begin; segno <= newest; segno++) expect(segments.has(segno), `WAL ${walSegmentName({ timeline: oldest.timeline, segno })} needed by ${oldest.backupId}`).toBe(true);
}

/** get-wal serves every segment from `fromWal` on, checksums and all. */
export async function assertArchiveServes(ctx: Ctx, root: string, server: { id: string; name: string }, fromWal: string): Promise<void> {
  const rows = await ctx.db.walSegment.findMany({ where: { serverId: server.id, kind: 'segment', name: { gte: fromWal } }, orderBy: { name: 'asc' } });
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    const { content } = await getWalFile({ ctx, root, input: { server: server.name, name: row.name } });
    expect(content.length).toBe(Number(row.size));
  }
}

/**
 * Extracts a backup, points restore_command at the archive, and starts PostgreSQL on it: it
 * replays every archived WAL file (to the latest point) and then opens for connections.
 */
export async function restoreToLatest(input: { major: PgMajor; backupDir: string; restoreCommand: string[] }): Promise<PostgresServer> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'cellar-restore-latest-'));
  await chmod(scratch, 0o755);
  const dest = path.join(scratch, 'data');
  const spool = path.join(scratch, 'spool');
  await extractBackup({ backupDir: input.backupDir, dest });
  await writeFile(path.join(dest, 'recovery.signal'), '');
  // restore_command runs as the server's account, which must be able to write its spool.
  await mkdir(spool);
  await chmod(spool, 0o777);
  const command = [...input.restoreCommand, '--spool-dir', spool].map((a) => `'${a}'`).join(' ');
  const server = await startPostgres({
    major: input.major,
    dataDir: dest,
    settings: { archive_mode: 'off', restore_command: `${command} %f %p`, recovery_target_timeline: 'latest' },
  });
  // With hot_standby on, connections open once the backup is consistent, while archive recovery
  // goes on: wait until it has replayed the last archived WAL and promoted.
  for (const deadline = Date.now() + 120_000; ; await sleep(200)) {
    const inRecovery = (await server.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')).rows[0]?.r;
    if (!inRecovery) break;
    if (Date.now() > deadline) throw new Error(`recovery did not finish:\n${await server.logTail(40)}`);
  }
  const destroy = server.destroy.bind(server);
  return Object.assign(server, {
    async destroy() {
      await destroy();
      await rm(scratch, { recursive: true, force: true });
    },
  });
}
