import type pg from 'pg';
import type { BackupTablespaceEntry, BaseBackupEvents, BaseBackupPositions } from './base-backup-events';
import {
  findTablespaceList,
  legacyCopyOutRole,
  parseLegacyBackupResults,
  wireRow,
  type CopyOutRole,
  type WireResultSet,
} from './base-backup-results';
import { createOrderedCallbacks } from './ordered-callbacks';
import { ReplicationMessageError } from './replication-messages';

export type { BaseBackupEvents, BaseBackupPositions } from './base-backup-events';

// Streams a PostgreSQL 13/14 BASE_BACKUP (one CopyOut per tar archive, then the manifest; the
// layout is in base-backup-results.ts) from a connected replication client. The messages are
// read off pg's connection, which emits each one by name; pg itself ignores CopyOutResponse and
// CopyData, and returns the ordinary result sets when the command completes.

type Conn = {
  on(event: string, listener: (msg: never) => void): void;
  removeListener(event: string, listener: (msg: never) => void): void;
  stream: {
    pause(): void;
    resume(): void;
    destroy(): void;
    closed: boolean;
    once(event: 'close', listener: () => void): void;
  };
};
type RowDescription = { fields: { name: string }[] };
type DataRow = { fields: (string | null)[] };
type CopyData = { chunk: Buffer };

/**
 * Runs `command` (a BASE_BACKUP built for PostgreSQL 13/14) and reports the archives through
 * `events`, strictly in wire order: no callback runs before a promise returned by an earlier
 * onArchiveData settled. On any failure (a callback's, the server's, the protocol's) the
 * promise rejects with that error; after a callback failure the client's socket is destroyed,
 * which also ends the backup on the server, and the client cannot be used again.
 */
export async function streamLegacyBaseBackup(
  client: pg.Client,
  command: string,
  events: BaseBackupEvents,
): Promise<BaseBackupPositions> {
  const conn = (client as unknown as { connection: Conn }).connection;
  const callbacks = createOrderedCallbacks({
    pause: () => conn.stream.pause(),
    resume: () => conn.stream.resume(),
    onFailure: () => conn.stream.destroy(),
  });
  const sets: WireResultSet[] = [];
  let tablespaces: BackupTablespaceEntry[] | undefined;
  let copyOuts = 0;
  let current: CopyOutRole | undefined;
  let bytesDone = 0n;

  const onCopyData = (msg: CopyData) => {
    if (!current) throw new ReplicationMessageError('BASE_BACKUP sent CopyData outside a CopyOut.');
    // 13 and 14 end the WAL part of the main archive with an empty CopyData: nothing to pass on.
    if (msg.chunk.length === 0) return;
    // pg-protocol reuses its receive buffer, and queued callbacks run after it moved on.
    const chunk = Buffer.from(msg.chunk);
    if (current.kind === 'manifest') return callbacks.run(() => events.onManifestData(chunk));
    bytesDone += BigInt(chunk.length);
    const done = bytesDone;
    callbacks.run(() => events.onArchiveData(chunk));
    callbacks.run(() => events.onProgress(done));
  };
  const onCopyOutResponse = () => {
    tablespaces ??= findTablespaceList(sets);
    const role = legacyCopyOutRole(copyOuts++, tablespaces);
    current = role;
    if (role.kind === 'archive')
      callbacks.run(() =>
        events.onArchive({ tablespaceOid: role.tablespace.oid, location: role.tablespace.location }),
      );
  };
  const listeners: Record<string, (msg: never) => void> = {
    rowDescription: (msg: RowDescription) => sets.push({ fields: msg.fields.map((f) => f.name), rows: [] }),
    dataRow: (msg: DataRow) => {
      const set = sets.at(-1);
      if (!set) throw new ReplicationMessageError('BASE_BACKUP sent a DataRow before a RowDescription.');
      set.rows.push(wireRow(set.fields, msg.fields));
    },
    copyOutResponse: onCopyOutResponse,
    copyData: onCopyData,
    copyDone: () => (current = undefined),
  };
  const guarded = Object.entries(listeners).map(([event, listener]) => {
    const wrapped = (msg: never) => {
      if (callbacks.failure) return;
      try {
        listener(msg);
      } catch (error) {
        callbacks.fail(error);
      }
    };
    conn.on(event, wrapped);
    return [event, wrapped] as const;
  });
  // Destroying the socket makes pg emit 'error' on the client as well as rejecting the query;
  // the rejection carries the cause, and an unheard 'error' event would crash the process.
  const ignore = () => undefined;
  client.on('error', ignore);
  try {
    try {
      await client.query(command);
    } catch (error) {
      throw callbacks.failure ?? error;
    }
    // The last socket read may have queued callbacks that are still running.
    await callbacks.drained();
    return parseLegacyBackupResults(sets, copyOuts);
  } finally {
    // A callback that fails after the command completed destroys the socket later: keep the
    // 'error' listener until pg has reported that close.
    if (callbacks.failure && !conn.stream.closed)
      await new Promise<void>((resolve) => conn.stream.once('close', resolve));
    for (const [event, wrapped] of guarded) conn.removeListener(event, wrapped);
    client.removeListener('error', ignore);
  }
}
