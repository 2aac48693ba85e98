import path from 'node:path';
import { codecSuffix, type Codec } from '../repository/codecs';

// Where a server's backups live (architecture: repository layout):
//   <root>/<server>/base/<backupId>/{backup.json, backup_manifest, data/…, tablespaces/<oid>/…}
// A backup is written under base/.<backupId>.partial and renamed into place only when complete
// and durable, so a directory named like a backup id is always a whole backup. A backup being
// deleted is renamed to base/.<backupId>.deleting first, for the same reason.

export type BackupPaths = {
  dir: string;
  partialDir: string;
  deletingDir: string;
};

export function serverDir(root: string, serverName: string): string {
  return path.join(root, serverName);
}

export function baseDir(root: string, serverName: string): string {
  return path.join(root, serverName, 'base');
}

export function backupPaths(root: string, serverName: string, backupId: string): BackupPaths {
  const base = baseDir(root, serverName);
  return {
    dir: path.join(base, backupId),
    partialDir: path.join(base, `.${backupId}.partial`),
    deletingDir: path.join(base, `.${backupId}.deleting`),
  };
}

const tablespacePath = /^pg_tblspc\/(\d+)\/(.+)$/;

/**
 * A file's place inside a backup directory, from its path in the restored cluster (the path the
 * manifest uses): pg_tblspc/<oid>/… lives under tablespaces/<oid>/, the rest under data/.
 */
export function storedFilePath(clusterPath: string, codec: Codec): string {
  const match = tablespacePath.exec(clusterPath);
  const relative = match ? path.posix.join('tablespaces', match[1] ?? '', match[2] ?? '') : path.posix.join('data', clusterPath);
  return relative + codecSuffix(codec);
}

/** The cluster path of a file stored in a tablespace archive (its tar paths are relative to the tablespace). */
export function tablespaceClusterPath(oid: number, entryPath: string): string {
  return path.posix.join('pg_tblspc', String(oid), entryPath);
}
