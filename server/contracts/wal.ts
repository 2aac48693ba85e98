import { z } from 'zod';

// The WAL archive's boundary: status, gaps, operations. Shared by the API, the console and the CLI.

export type WalGapView = { timeline: number; from: string; to: string; missing: number };

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
};

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
