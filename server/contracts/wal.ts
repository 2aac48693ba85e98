import { z } from 'zod';

// The WAL archive's boundary: status, gaps, operations. Shared by the API, the console and the CLI.

export type WalGapView = { timeline: number; from: string; to: string; missing: number };

/** A channel that delivered segments in the last 7 days: its newest file, and how many it delivered then. */
export type WalChannelView = { source: 'streaming' | 'push' | 'backup'; lastName: string; lastArchivedAt: string; count: number };

export type WalStatusView = {
  serverName: string;
  segments: number;
  historyFiles: number;
  /** <segment>.partial files a promoted server archived (not counted as segments). */
  partialFiles: number;
  /** Uncompressed and stored bytes of the archive. */
  size: number;
  storedSize: number;
  timelines: { timeline: number; first: string; last: string; segments: number }[];
  lastArchived: { name: string; archivedAt: string; source: string } | null;
  channels: WalChannelView[];
  gaps: WalGapView[];
  /** Segments per hour over the last 24 hours of arrivals. */
  walRatePerHour: number;
  /** Files refused (conflicting duplicates) kept in the server's errors directory. */
  errorFiles: string[];
  restorePoints: number;
  /** The streaming receiver; null when streaming is off and no receiver ever ran. */
  receiver: ReceiverStatusView | null;
};

export type ReceiverState = 'running' | 'stopped' | 'error';

export type ReceiverStatusView = {
  /** streaming_archiver on, the server enabled, and not stopped by an operator. */
  wanted: boolean;
  streamingArchiver: boolean;
  stopRequested: boolean;
  resetRequested: boolean;
  /** As last reported by the receiver holding the server's lock. */
  state: ReceiverState;
  /** No report for a while: no receiver process is running this server (see heartbeatAt). */
  stale: boolean;
  slotName: string | null;
  timeline: number | null;
  receivedLsn: string | null;
  flushedLsn: string | null;
  serverLsn: string | null;
  lagBytes: number | null;
  lagSeconds: number | null;
  lastError: string | null;
  lastErrorAt: string | null;
  /** The host and process holding the server's receiver lock. */
  ownerHost: string | null;
  ownerPid: number | null;
  startedAt: string | null;
  heartbeatAt: string | null;
};

export const receiverActions = ['start', 'stop', 'reset'] as const;
export type ReceiverAction = (typeof receiverActions)[number];
export const receiverActionSchema = z.enum(receiverActions);

export type ReceiverActionResult = { receiver: ReceiverStatusView; warning?: string };
export type SlotActionResult = { slotName: string; outcome: 'created' | 'existed' | 'dropped'; message: string };

export type ReplicationClientView = {
  applicationName: string;
  clientAddress: string | null;
  state: string;
  syncState: string;
  sentLsn: string | null;
  writeLsn: string | null;
  flushLsn: string | null;
  replayLsn: string | null;
  /** Bytes behind the server's current position. */
  sentLag: number | null;
  flushLag: number | null;
  replayLag: number | null;
  writeLagSeconds: number | null;
  flushLagSeconds: number | null;
  replayLagSeconds: number | null;
  slotName: string | null;
  backendStart: string | null;
};

export type ReplicationStatusView = { serverName: string; currentLsn: string; inRecovery: boolean; clients: ReplicationClientView[] };

export const switchWalInput = z
  .object({
    /** Run a CHECKPOINT first (Barman's --force), so an idle server has WAL to switch. */
    force: z.boolean().default(false),
    /** Wait until the closed segment is in the archive (Barman's --archive). */
    waitForArchive: z.boolean().default(false),
    timeoutSeconds: z.number().int().min(1).max(600).default(30),
  })
  .strict();

export const restorePointInput = z
  .object({
    // PostgreSQL keeps restore point names in a 64-byte field, NUL included.
    name: z.string().trim().min(1, 'Name the restore point.').max(63, 'A restore point name has at most 63 characters.'),
  })
  .strict();

export type RestorePointView = { name: string; timeline: number; lsn: string; time: string; segment: string };

// ── The WAL timeline chart: the archive over time, aggregated in the catalog ─────────────────

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);

export const walTimelineQuery = z
  .object({
    /** The window to draw; defaults to the last 7 days. */
    from: z.preprocess(blank, z.coerce.date({ message: 'From must be a date and time, e.g. 2026-11-28T09:00:00Z.' }).optional()),
    to: z.preprocess(blank, z.coerce.date({ message: 'To must be a date and time, e.g. 2026-11-28T09:00:00Z.' }).optional()),
    /** The most buckets wanted; the bucket is the smallest round length that keeps within it. */
    buckets: z.coerce.number().int().min(10).max(1_000).default(200),
    /** 1: from the first archived segment (the whole archive), whatever `from` says. */
    whole: z.preprocess(blank, z.enum(['0', '1']).optional()),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: 'From must be before To.', path: ['to'] });
export type WalTimelineQuery = z.input<typeof walTimelineQuery>;

/** `timelines`: the lowest and highest timeline archived in the bucket (one value when they are equal). */
export type WalTimelineBucket = { start: string; segments: number; size: number; storedSize: number; timelines: number[] };

export type WalTimelineGap = {
  timeline: number;
  from: string;
  to: string;
  missing: number;
  /** When the segment before the hole and the one after it were archived. */
  after: string | null;
  before: string | null;
};

export type WalTimelineView = {
  serverName: string;
  from: string;
  to: string;
  bucketSeconds: number;
  /** Buckets with at least one segment, oldest first; the others had none. */
  buckets: WalTimelineBucket[];
  /** The archive's extent, whatever the window. */
  firstArchivedAt: string | null;
  lastArchivedAt: string | null;
  gaps: WalTimelineGap[];
  /** Where each timeline after the first begins (a promotion or a PITR). */
  timelineSwitches: { timeline: number; firstSegment: string; at: string | null }[];
  restorePoints: RestorePointView[];
  backups: { backupId: string; name: string | null; status: string; beginTime: string | null; endTime: string | null }[];
};
