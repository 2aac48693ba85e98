import { randomBytes } from 'node:crypto';
import type pg from 'pg';

// PostgreSQL does not keep the WAL that a base backup with WAL sends at its end: checkpoints
// during the copy (the server's own, or a concurrent backup's) may remove it, and the backup
// then fails with "requested WAL segment … has already been removed". A temporary physical slot
// reserving WAL, created on the backup's own replication connection before BASE_BACKUP, holds
// everything from its creation on, and disappears with the connection, even if the process dies.

/** The slot's name, or null when the server has no free replication slot (SQLSTATE 53400). */
export async function holdWalForBackup(client: pg.Client): Promise<string | null> {
  const name = `cellar_backup_${randomBytes(6).toString('hex')}`;
  try {
    // The keyword form, which PostgreSQL 13 and 14 require and later versions still accept.
    await client.query(`CREATE_REPLICATION_SLOT ${name} TEMPORARY PHYSICAL RESERVE_WAL`);
    return name;
  } catch (error) {
    if ((error as { code?: string }).code === '53400') return null;
    throw error;
  }
}
