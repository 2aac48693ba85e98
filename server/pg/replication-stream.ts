import type pg from 'pg';
import { copyDataCaptureOf } from './copy-data-socket';
import type { Lsn } from './lsn';
import { createOrderedCallbacks } from './ordered-callbacks';
import {
  buildStandbyStatusUpdate,
  parseReplicationMessage,
  parseTimelineSwitchRow,
  type StandbyStatus,
  type TimelineSwitch,
} from './replication-messages';

// The socket side of START_REPLICATION … PHYSICAL, kept thin: CopyData payloads are parsed by the
// pure functions of replication-messages.ts and handed to a sink in wire order, with the socket
// paused while the sink is busy (a sync to disk), so memory stays bounded. After each socket read
// the sink gets an `idle` call: the natural moment to flush and report (group commit).
//
// The walsender ends a timeline by leaving copy mode; the client answers with CopyDone and
// then gets one row (next_tli, next_tli_startpos). A client stopping on its own just closes.

export type WalSink = {
  data(start: Lsn, bytes: Buffer, serverEnd: Lsn, serverTime: Date): void | Promise<void>;
  keepalive(serverEnd: Lsn, serverTime: Date, replyRequested: boolean): void | Promise<void>;
  idle(): void | Promise<void>;
};

export type ReplicationStream = {
  /** Settles when the server ends the stream: the next timeline, or null (server shutting down). */
  readonly done: Promise<TimelineSwitch | null>;
  sendStatus(status: StandbyStatus): void;
  /** Closes the connection once the sink has finished what it was given. */
  stop(): Promise<void>;
  /** Ends the stream with this error (e.g. the server went silent). */
  fail(error: Error): void;
  /** Milliseconds since the server last sent anything. */
  silentForMs(): number;
};

type Conn = {
  on(event: string, listener: (msg: never) => void): void;
  removeListener(event: string, listener: (msg: never) => void): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  stream: { pause(): void; resume(): void; destroy(error?: Error): void; writable: boolean };
};

export function startReplicationStream(client: pg.Client, command: string, sink: WalSink): ReplicationStream {
  const conn = (client as unknown as { connection: Conn }).connection;
  const callbacks = createOrderedCallbacks({
    pause: () => conn.stream.pause(),
    resume: () => conn.stream.resume(),
    onFailure: (error) => conn.stream.destroy(error),
  });
  let lastHeard = Date.now();
  let idleScheduled = false;
  const scheduleIdle = () => {
    if (idleScheduled) return;
    idleScheduled = true;
    // setImmediate runs after every message of the current socket read has been parsed.
    setImmediate(() => {
      idleScheduled = false;
      callbacks.run(() => sink.idle());
    });
  };
  const onCopyData = (msg: { chunk: Buffer }) => {
    lastHeard = Date.now();
    if (callbacks.failure) return;
    try {
      const message = parseReplicationMessage(msg.chunk);
      if (message.type === 'xlogdata') {
        // No copy of the bytes: the receive buffer is reused only by a later socket read, and the
        // socket stays paused while any job is queued (a job runs at once when none is).
        const bytes = message.data;
        callbacks.run(() => sink.data(message.start, bytes, message.serverEnd, message.serverTime));
        scheduleIdle();
      } else {
        callbacks.run(() => sink.keepalive(message.serverEnd, message.serverTime, message.replyRequested));
      }
    } catch (error) {
      callbacks.fail(error);
    }
  };
  const onCopyDone = () => {
    // The timeline is over: leave copy mode too, once what came before has been handled.
    callbacks.run(() => conn.endCopyFrom());
  };
  conn.on('copyData', onCopyData);
  conn.on('copyDone', onCopyDone);
  // On a socket that frames copy streams itself, CopyData comes from it and never reaches pg.
  const release = copyDataCaptureOf(conn.stream)?.attach((chunk) => onCopyData({ chunk }));
  const done = (async () => {
    try {
      // Several commands complete on this query (START_REPLICATION, then the timeline's row).
      const result = (await client.query(command)) as unknown as
        pg.QueryResult<Record<string, unknown>> | pg.QueryResult<Record<string, unknown>>[];
      await callbacks.drained();
      const rows = (Array.isArray(result) ? result : [result]).flatMap((r) => r.rows);
      const row = rows.find((r) => 'next_tli' in r);
      return row ? parseTimelineSwitchRow(row) : null;
    } catch (error) {
      throw callbacks.failure ?? error;
    } finally {
      release?.();
      conn.removeListener('copyData', onCopyData);
      conn.removeListener('copyDone', onCopyDone);
    }
  })();
  return {
    done,
    sendStatus(status) {
      if (conn.stream.writable) conn.sendCopyFromChunk(buildStandbyStatusUpdate(status));
    },
    async stop() {
      await callbacks.drained().catch(() => undefined);
      await client.end().catch(() => undefined);
    },
    silentForMs: () => Date.now() - lastHeard,
    fail: (error) => callbacks.fail(error),
  };
}
