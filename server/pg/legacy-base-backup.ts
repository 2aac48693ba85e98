import type pg from 'pg';
import type { BaseBackupEvents, BaseBackupPositions } from './base-backup-events';
import { legacyCopyOutRole, parseLegacyBackupResults, type CopyOutRole } from './base-backup-results';
import { runBackupCommand } from './backup-command-runner';
import { ReplicationMessageError } from './replication-messages';

export type { BaseBackupEvents, BaseBackupPositions } from './base-backup-events';

// A PostgreSQL 13/14 BASE_BACKUP: one CopyOut per tar archive, then one for the manifest (the
// layout is in base-backup-results.ts). pg itself ignores CopyOutResponse and CopyData; the
// runner reads them off its connection.

/**
 * Runs `command` (a BASE_BACKUP built for PostgreSQL 13/14) and reports the archives through
 * `events`, strictly in wire order. On any failure (a callback's, the server's, the protocol's)
 * the promise rejects with that error; after a callback failure the client's socket is
 * destroyed, which also ends the backup on the server, and the client cannot be used again.
 */
export async function streamLegacyBaseBackup(client: pg.Client, command: string, events: BaseBackupEvents): Promise<BaseBackupPositions> {
  let copyOuts = 0;
  let current: CopyOutRole | undefined;
  let bytesDone = 0n;
  return runBackupCommand(
    client,
    command,
    events,
    ({ callbacks, tablespaces }) => ({
      copyOutResponse() {
        const role = legacyCopyOutRole(copyOuts++, tablespaces());
        current = role;
        if (role.kind === 'archive') callbacks.run(() => events.onArchive({ tablespaceOid: role.tablespace.oid, location: role.tablespace.location }));
      },
      copyData(msg) {
        if (!current) throw new ReplicationMessageError('BASE_BACKUP sent CopyData outside a CopyOut.');
        // 13 and 14 end the WAL part of the main archive with an empty CopyData: nothing to pass on.
        if (msg.chunk.length === 0) return;
        // A view, not a copy: pg-protocol reuses its receive buffer only when the next socket read
        // arrives, and the runner keeps the socket paused until every queued callback settled.
        // What outlives the callbacks (the manifest) is copied.
        const chunk = msg.chunk;
        if (current.kind === 'manifest') {
          const data = Buffer.from(chunk);
          return callbacks.run(() => events.onManifestData(data));
        }
        bytesDone += BigInt(chunk.length);
        const done = bytesDone;
        callbacks.run(() => events.onArchiveData(chunk));
        callbacks.run(() => events.onProgress(done));
      },
      copyDone() {
        current = undefined;
      },
    }),
    (sets) => parseLegacyBackupResults(sets, copyOuts),
  );
}
