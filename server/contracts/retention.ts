import { z } from 'zod';
import { backupIdSchema } from './backups';

// Retention's boundary: the statuses list-backups shows, the preview (dry run) and the apply
// request. Shared by the API routes, the console and the workers.

/** Barman's retention statuses; "-" for backups a policy does not score (not DONE). */
export const retentionStatuses = ['VALID', 'OBSOLETE', 'OBSOLETE*', 'KEEP:FULL', 'KEEP:STANDALONE', '-'] as const;
export type RetentionStatus = (typeof retentionStatuses)[number];

export type RetentionBackupView = {
  backupId: string;
  name: string | null;
  status: string;
  endTime: string | null;
  keep: string | null;
  storedSize: number | null;
  deduplicatedSize: number | null;
  /** null when the server has no policy (not enforced). */
  retentionStatus: RetentionStatus | null;
  reason: string;
  /** What applying the policy now does with it. */
  action: 'delete' | 'keep' | 'resume-delete';
};

export type RetentionWalView = {
  /** WAL files (segments and backup history files) the deletions would remove. */
  files: number;
  bytes: number;
  first: string | null;
  last: string | null;
};

export type RetentionPreview = {
  server: string;
  /** null: no policy set; nothing is ever deleted automatically. */
  policy: string | null;
  minimumRedundancy: number;
  /** REDUNDANCY raised to minimum_redundancy, as Barman does. */
  raisedTo: number | null;
  pointOfRecoverability: string | null;
  at: string;
  backups: RetentionBackupView[];
  /** Backup ids that applying the policy now deletes, oldest first. */
  toDelete: string[];
  wal: RetentionWalView;
};

/**
 * Apply the policy now. `backupIds` pins the deletions to a preview the user saw: only those
 * backups go, and only if the policy still finds them OBSOLETE when the run gets to them.
 */
export const applyRetentionInput = z
  .object({ backupIds: z.array(backupIdSchema).max(10_000).optional() })
  .strict();
export type ApplyRetentionInput = z.infer<typeof applyRetentionInput>;

export type RetentionApplyResult = {
  deleted: string[];
  skipped: { backupId: string; reason: string }[];
  walFilesRemoved: number;
  walBytesRemoved: number;
};
