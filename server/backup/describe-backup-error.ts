import { describePgError } from '../pg/describe-pg-error';

// A failed backup's error, in words a DBA can act on: the disk, the network, or PostgreSQL's
// own message with what to do about it.

const fsReasons: Record<string, string> = {
  ENOSPC: 'the repository disk is full (no space left on device): free space or move CELLAR_REPOSITORY, then back up again',
  EDQUOT: 'the disk quota of the repository is exhausted: raise it or free space, then back up again',
  EROFS: 'the repository is on a read-only file system: remount it read-write or move CELLAR_REPOSITORY',
  EACCES: 'Cellar may not write into the repository (permission denied): fix the owner or mode of CELLAR_REPOSITORY',
  EIO: 'the repository disk reported an I/O error: check the disk before trusting any backup on it',
};

export function describeBackupError(error: unknown): string {
  const err = error as NodeJS.ErrnoException & { severity?: string };
  if (err?.code && fsReasons[err.code]) return `The backup failed: ${fsReasons[err.code]}${err.path ? ` (${err.path})` : ''}.`;
  // pg's ErrorResponse carries a severity; its message is PostgreSQL's own.
  if (err?.severity) return `PostgreSQL refused the backup: ${describePgError(error, { replication: true })}`;
  if (err?.code && /^E[A-Z]+$/.test(err.code)) return `The connection to PostgreSQL failed: ${describePgError(error, { replication: true })}`;
  const message = error instanceof Error ? error.message : String(error);
  if (/Connection terminated|connection.*(closed|ended)/i.test(message))
    return `The connection to PostgreSQL was lost during the backup (${message}): is the server running? Back up again once it is.`;
  return message;
}
