import type pg from 'pg';
import type { BaseBackupEvents, BaseBackupPositions } from './base-backup-events';
import { parseBackupResults } from './base-backup-results';
import { runBackupCommand } from './backup-command-runner';
import { parseBaseBackupMessage, ReplicationMessageError } from './replication-messages';

// BASE_BACKUP on PostgreSQL 15 and later: one CopyOut whose CopyData messages are tagged —
// 'n' a new archive (the tablespaces first, "base.tar" last), 'd' its bytes (manifest bytes
// after 'm'), 'p' progress, 'm' the manifest.

export async function streamBaseBackup(client: pg.Client, command: string, events: BaseBackupEvents): Promise<BaseBackupPositions> {
  let phase: 'before' | 'archive' | 'manifest' = 'before';
  return runBackupCommand(
    client,
    command,
    events,
    ({ callbacks, tablespaces }) => ({
      copyData(msg) {
        // No copy of the bytes: pg-protocol reuses its receive buffer only when the next socket
        // read arrives, and the runner keeps the socket paused until every queued callback has
        // settled. What outlives the callbacks (the manifest) is copied.
        const message = parseBaseBackupMessage(msg.chunk);
        if (message.type === 'new-archive') {
          phase = 'archive';
          const archive = archiveOf(message.tablespaceLocation, tablespaces());
          callbacks.run(() => events.onArchive(archive));
        } else if (message.type === 'manifest') {
          phase = 'manifest';
        } else if (message.type === 'progress') {
          callbacks.run(() => events.onProgress(message.bytesDone));
        } else if (phase === 'manifest') {
          const data = Buffer.from(message.data);
          callbacks.run(() => events.onManifestData(data));
        } else if (phase === 'archive') {
          callbacks.run(() => events.onArchiveData(message.data));
        } else {
          throw new ReplicationMessageError('BASE_BACKUP sent archive data before announcing an archive.');
        }
      },
    }),
    parseBackupResults,
  );
}

/** An archive is named by its location: "" is the data directory, else a tablespace of the list. */
function archiveOf(location: string, tablespaces: BaseBackupPositions['tablespaces']): { tablespaceOid: number | null; location: string | null } {
  if (location === '') return { tablespaceOid: null, location: null };
  const tablespace = tablespaces.find((t) => t.location === location);
  if (tablespace?.oid == null) throw new ReplicationMessageError(`BASE_BACKUP sent an archive for ${location}, which is not in its tablespace list.`);
  return { tablespaceOid: tablespace.oid, location };
}
