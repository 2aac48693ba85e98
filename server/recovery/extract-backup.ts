import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { storedFilePath } from '../backup/backup-layout';
import { readBackupRecord, type BackupRecord } from '../backup/backup-record';
import { decompressStream } from '../repository/codecs';
import { forEachLimited } from '../async/for-each-limited';

// Materialises a backup as a PostgreSQL data directory on this host: every stored file
// decompressed to its place, empty directories recreated, and each tablespace written to its
// location (or the one mapped for it) with pg_tblspc/<oid> linking there, as pg_basebackup -Fp does.

export type ExtractOptions = {
  backupDir: string;
  dest: string;
  /** Tablespace oid → where to put it instead of its original location. */
  tablespaceMap?: ReadonlyMap<number, string>;
  parallel?: number;
  onFile?: (clusterPath: string, bytes: number) => void;
};

export async function extractBackup(opts: ExtractOptions): Promise<BackupRecord> {
  const record = await readBackupRecord(opts.backupDir);
  const locations = new Map(record.tablespaces.map((t) => [t.oid, opts.tablespaceMap?.get(t.oid) ?? t.location]));
  const placeOf = (clusterPath: string): string => {
    const match = /^pg_tblspc\/(\d+)\/(.+)$/.exec(clusterPath);
    if (!match) return path.join(opts.dest, clusterPath);
    const location = locations.get(Number(match[1]));
    if (!location) throw new Error(`The backup has files of tablespace ${match[1]} but no location for it.`);
    return path.join(location, match[2] ?? '');
  };
  await mkdir(opts.dest, { recursive: true, mode: 0o700 });
  await recreateDirectories(path.join(opts.backupDir, 'data'), opts.dest);
  for (const t of record.tablespaces) await recreateDirectories(path.join(opts.backupDir, 'tablespaces', String(t.oid)), locations.get(t.oid) ?? t.location);
  await forEachLimited(record.files, opts.parallel ?? 4, async (file) => {
    const target = placeOf(file.path);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    await pipeline(
      createReadStream(path.join(opts.backupDir, storedFilePath(file.path, record.compression))),
      decompressStream(record.compression),
      createWriteStream(target, { mode: 0o600, flags: 'wx' }),
    );
    opts.onFile?.(file.path, file.size);
  });
  for (const link of record.links) {
    const oid = /^pg_tblspc\/(\d+)$/.exec(link.path)?.[1];
    const target = oid === undefined ? link.target : (locations.get(Number(oid)) ?? link.target);
    await mkdir(path.dirname(path.join(opts.dest, link.path)), { recursive: true, mode: 0o700 });
    await symlink(target, path.join(opts.dest, link.path));
  }
  return record;
}

/** Directories of the stored tree, empty ones included (pg_notify, pg_wal/archive_status…). */
async function recreateDirectories(storedRoot: string, destRoot: string): Promise<void> {
  await mkdir(destRoot, { recursive: true, mode: 0o700 });
  const entries = await readdir(storedRoot, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  for (const entry of entries) if (entry.isDirectory()) await recreateDirectories(path.join(storedRoot, entry.name), path.join(destRoot, entry.name));
}
