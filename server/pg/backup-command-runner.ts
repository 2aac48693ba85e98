import type pg from 'pg';
import type { BackupTablespaceEntry, BaseBackupEvents } from './base-backup-events';
import { findTablespaceList, wireRow, type WireResultSet } from './base-backup-results';
import { copyDataCaptureOf } from './copy-data-socket';
import { createOrderedCallbacks, type OrderedCallbacks } from './ordered-callbacks';
import { ReplicationMessageError } from './replication-messages';

// What both BASE_BACKUP wire formats share: the command runs as a simple query on a replication
// client, its ordinary result sets are read off the wire as they pass (pg returns them only at
// the end, but the tablespace list is needed before the archives), the CopyOut part is handed
// to format-specific handlers, and every callback runs in wire order with backpressure.

type Conn = {
  on(event: string, listener: (msg: never) => void): void;
  removeListener(event: string, listener: (msg: never) => void): void;
  stream: { pause(): void; resume(): void; destroy(): void; closed: boolean; once(event: 'close', listener: () => void): void };
};
type RowDescription = { fields: { name: string }[] };
type DataRow = { fields: (string | null)[] };

export type CopyHandlers = {
  copyOutResponse?: () => void;
  copyData: (msg: { chunk: Buffer }) => void;
  copyDone?: () => void;
};

export type RunnerContext = {
  callbacks: OrderedCallbacks;
  /** The tablespace list; known from the first CopyOut on. */
  tablespaces: () => BackupTablespaceEntry[];
};

export async function runBackupCommand<T>(
  client: pg.Client,
  command: string,
  events: BaseBackupEvents,
  handlers: (context: RunnerContext) => CopyHandlers,
  finish: (sets: readonly WireResultSet[]) => T,
): Promise<T> {
  const conn = (client as unknown as { connection: Conn }).connection;
  const callbacks = createOrderedCallbacks({
    pause: () => conn.stream.pause(),
    resume: () => conn.stream.resume(),
    onFailure: () => conn.stream.destroy(),
  });
  const sets: WireResultSet[] = [];
  let tablespaces: BackupTablespaceEntry[] | undefined;
  const known = () => {
    if (!tablespaces) {
      const list = findTablespaceList(sets);
      tablespaces = list;
      callbacks.run(() => events.onTablespaces?.(list));
    }
    return tablespaces;
  };
  const copy = handlers({ callbacks, tablespaces: known });
  const listeners: Record<string, (msg: never) => void> = {
    rowDescription: (msg: RowDescription) => sets.push({ fields: msg.fields.map((f) => f.name), rows: [] }),
    dataRow: (msg: DataRow) => {
      const set = sets.at(-1);
      if (!set) throw new ReplicationMessageError('BASE_BACKUP sent a DataRow before a RowDescription.');
      set.rows.push(wireRow(set.fields, msg.fields));
    },
    copyOutResponse: () => {
      known();
      copy.copyOutResponse?.();
    },
    copyData: copy.copyData,
    copyDone: () => copy.copyDone?.(),
  };
  // Nothing runs after a failure, and a listener that throws is the failure.
  const guard =
    <M>(listener: (msg: M) => void) =>
    (msg: M) => {
      if (callbacks.failure) return;
      try {
        listener(msg);
      } catch (error) {
        callbacks.fail(error);
      }
    };
  const guarded = Object.entries(listeners).map(([event, listener]) => {
    const wrapped = guard(listener);
    conn.on(event, wrapped);
    return [event, wrapped] as const;
  });
  // On a socket that frames copy streams itself, CopyData comes from it and never reaches pg.
  const release = copyDataCaptureOf(conn.stream)?.attach(guard((chunk) => copy.copyData({ chunk })));
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
    return finish(sets);
  } finally {
    // A callback that fails after the command completed destroys the socket later: keep the
    // 'error' listener until pg has reported that close.
    if (callbacks.failure && !conn.stream.closed) await new Promise<void>((resolve) => conn.stream.once('close', resolve));
    release?.();
    for (const [event, wrapped] of guarded) conn.removeListener(event, wrapped);
    client.removeListener('error', ignore);
  }
}
