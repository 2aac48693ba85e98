import type { Ctx } from '../context';
import type { BackupFilesPage, ListBackupFilesQuery } from '../contracts/backups';
import { DomainError } from '../errors/domain-error';
import { backupPaths } from './backup-layout';
import { readBackupRecord } from './backup-record';
import { findBackup } from './find-backup';

/** list-files: the files of a backup in path order, filtered by a substring of the path. */
export async function listBackupFiles({ ctx, input }: { ctx: Ctx; input: { server: string; backup: string; root: string; query: ListBackupFilesQuery } }): Promise<BackupFilesPage> {
  const { server, backup } = await findBackup(ctx, input.server, input.backup);
  if (backup.status !== 'DONE' && backup.status !== 'WAITING_FOR_WALS')
    throw new DomainError('conflict', `Backup ${backup.backupId} is ${backup.status}: only a completed backup has files to list.`);
  const record = await readBackupRecord(backupPaths(input.root, server.name, backup.backupId).dir).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    // The catalog and the repository disagree: say which, and what to look at, not "internal error".
    throw new DomainError(
      'conflict',
      `The catalog lists backup ${backup.backupId}, but its record (${server.name}/base/${backup.backupId}/backup.json) is not in the repository. Check that CELLAR_REPOSITORY names the repository the workers write to; if the files were removed, delete the backup from the catalog.`,
    );
  });
  const { search, cursor, limit } = input.query;
  const needle = search?.toLowerCase();
  const matching = needle ? record.files.filter((f) => f.path.toLowerCase().includes(needle)) : record.files;
  const after = cursor === undefined ? matching : matching.filter((f) => f.path > cursor);
  const page = after.slice(0, limit);
  return {
    files: page.map((f) => ({ path: f.path, size: f.size, storedSize: f.storedSize, reused: f.reused, checksum: f.sha256 })),
    total: matching.length,
    nextCursor: after.length > limit ? (page.at(-1)?.path ?? null) : null,
  };
}
