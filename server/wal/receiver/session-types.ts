import type pg from 'pg';
import type { Ctx } from '../../context';
import type { Server } from '../../db/generated/client';
import type { Lsn } from '../../pg/lsn';
import type { LagTracker } from './lag-tracker';
import type { ReplicationFacts } from './replication-connection';
import type { SpareSegment } from './spare-segment';
import type { StreamedFileStore } from './streamed-file-store';

/** What a receiver session tells its supervisor (which keeps the catalog row). */
export type SessionReport = {
  streaming(info: { timeline: number; slotName: string; start: Lsn }): void;
  progress(progress: ReceiverProgress): void;
  warn(message: string): void;
};

export type ReceiverProgress = { timeline: number; received: Lsn; flushed: Lsn; serverEnd: Lsn; lagBytes: bigint; lagMs: number };

export type ReceiverTimings = {
  /** A status update at least this often, asking the server to answer (proves it is alive). */
  statusIntervalMs: number;
  /** Nothing from the server for this long: the connection is taken as dead. */
  silenceTimeoutMs: number;
};

export const defaultTimings: ReceiverTimings = { statusIntervalMs: 10_000, silenceTimeoutMs: 35_000 };

export type Session = {
  ctx: Ctx;
  root: string;
  server: Server;
  slotName: string;
  client: pg.Client;
  facts: ReplicationFacts;
  dir: string;
  /** The next segment's file, made ahead of time. */
  spare: SpareSegment;
  store: StreamedFileStore;
  lag: LagTracker;
  report: SessionReport;
  signal: AbortSignal;
  timings: ReceiverTimings;
};
