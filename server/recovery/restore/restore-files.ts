import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { storedFilePath } from '../../backup/backup-layout';
import type { BackupRecord } from '../../backup/backup-record';
import { forEachLimited } from '../../async/for-each-limited';
import type { Destination } from './destination';

// The data directory and tablespaces of a backup written to a destination: directories first
// (empty ones too: pg_notify, pg_wal/archive_status…), then every file through the destination's
// lanes, largest first so the last lane does not finish alone, global/pg_control last (once every
// other file is durable) so that a restore cut short never leaves a directory PostgreSQL would
// start on; then the tablespace links.

export type FileProgress = (bytes: number) => void;

const controlFile = 'global/pg_control';

export function tablespaceLocations(record: BackupRecord, requested: Record<string, string>): Map<number, string> {
  const known = new Map(record.tablespaces.map((t) => [t.oid, t]));
  for (const key of Object.keys(requested)) {
    const match = record.tablespaces.find((t) => t.name === key || String(t.oid) === key);
    if (!match) {
      const names = record.tablespaces.map((t) => `${t.name ?? '?'} (oid ${t.oid})`).join(', ') || 'none';
      throw new Error(`Backup ${record.backupId} has no tablespace "${key}"; its tablespaces: ${names}.`);
    }
  }
  return new Map(
    [...known.values()].map((t) => [t.oid, requested[t.name ?? ''] ?? requested[String(t.oid)] ?? t.location]),
  );
}

export async function restoreFiles(opts: {
  backupDir: string;
  record: BackupRecord;
  dest: Destination;
  destDir: string;
  locations: Map<number, string>;
  signal: AbortSignal;
  onBytes: FileProgress;
}): Promise<{ files: number; bytes: number }> {
  const { record, dest, destDir, locations } = opts;
  const placeOf = (clusterPath: string): string => {
    const match = /^pg_tblspc\/(\d+)\/(.+)$/.exec(clusterPath);
    if (!match) return path.posix.join(destDir, clusterPath);
    const location = locations.get(Number(match[1]));
    if (!location) throw new Error(`The backup has files of tablespace ${match[1]} but no location for it.`);
    return path.posix.join(location, match[2] ?? '');
  };
  const dirs = new Set<string>([destDir]);
  await collectDirectories(path.join(opts.backupDir, 'data'), destDir, dirs);
  for (const t of record.tablespaces) await collectDirectories(path.join(opts.backupDir, 'tablespaces', String(t.oid)), locations.get(t.oid) ?? t.location, dirs);
  for (const file of record.files) dirs.add(path.posix.dirname(placeOf(file.path)));
  for (const dir of [...dirs].sort()) await dest.mkdir(dir);

  const ordered = record.files.filter((f) => f.path !== controlFile).sort((a, b) => b.size - a.size);
  const last = record.files.filter((f) => f.path === controlFile);
  let bytes = 0;
  const one = async (file: BackupRecord['files'][number]) => {
    if (opts.signal.aborted) throw opts.signal.reason;
    const size = await dest.restore(path.join(opts.backupDir, storedFilePath(file.path, record.compression)), record.compression, placeOf(file.path));
    if (size !== file.size) throw new Error(`${file.path} restored as ${size} bytes; the backup recorded ${file.size}: the stored file is damaged.`);
    bytes += size;
    opts.onBytes(size);
  };
  await forEachLimited(ordered, dest.lanes, one);
  await dest.flush();
  await forEachLimited(last, 1, one);
  await dest.flush();
  for (const link of record.links) {
    const oid = /^pg_tblspc\/(\d+)$/.exec(link.path)?.[1];
    const target = oid === undefined ? link.target : (locations.get(Number(oid)) ?? link.target);
    await dest.symlink(target, path.posix.join(destDir, link.path));
  }
  return { files: record.files.length, bytes };
}

async function collectDirectories(storedRoot: string, destRoot: string, into: Set<string>): Promise<void> {
  into.add(destRoot);
  const entries = await readdir(storedRoot, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  for (const entry of entries) if (entry.isDirectory()) await collectDirectories(path.join(storedRoot, entry.name), path.posix.join(destRoot, entry.name), into);
}
