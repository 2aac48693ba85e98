import { z } from 'zod';

export const runStatuses = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof runStatuses)[number];
export const finishedStatuses: readonly RunStatus[] = ['succeeded', 'failed', 'cancelled'];

export type RunLogLine = { id: string; at: string; level: string; message: string };

/** A Run as the API returns it: JSON-safe (bigints as strings of digits are numbers here). */
export type RunView = {
  id: string;
  kind: string;
  status: RunStatus;
  serverId: string | null;
  serverName: string | null;
  phase: string | null;
  progressDone: number;
  progressTotal: number | null;
  progressNote: string | null;
  error: string | null;
  attempts: number;
  cancelRequested: boolean;
  requestedBy: string | null;
  queuedAt: string;
  startedAt: string | null;
  heartbeatAt: string | null;
  finishedAt: string | null;
  /** What the run was asked to do (a backup's options, the backup a verify is about). */
  input: unknown;
  result: unknown;
  /** The run this one repeats, when it is a retry. */
  retryOf: string | null;
  /** Runs started as retries of this one (the run detail only). */
  retriedAs?: string[];
  log?: RunLogLine[];
};

const runKindLabels: Readonly<Record<string, string>> = {
  'backup.run': 'backup',
  'restore.run': 'restore',
  'restore.verify': 'restore verification',
};

/** A run kind in words, for messages ("the last backup of db1 failed"); the kind itself otherwise. */
export function runKindLabel(kind: string): string {
  return runKindLabels[kind] ?? kind;
}

/**
 * Kinds a user may retry (a new run with the same input, audited as run.retry), with the role it
 * takes: the role that may start such a run. Restores are left out on purpose: a restore is
 * planned again (target, destination) rather than repeated blindly.
 */
export const retryableKinds: Readonly<Record<string, 'operator' | 'admin'>> = {
  'backup.run': 'operator',
  'backup.verify': 'operator',
  'server.check': 'operator',
  'wal.rebuild': 'admin',
};

/** Only a run that ended without succeeding is retried. */
export function canRetry(run: Pick<RunView, 'kind' | 'status'>): boolean {
  return Object.hasOwn(retryableKinds, run.kind) && (run.status === 'failed' || run.status === 'cancelled');
}

export const listRunsQuery = z.object({
  serverId: z.string().uuid().optional(),
  kind: z.string().max(64).optional(),
  status: z.enum(runStatuses).optional(),
  cursor: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListRunsQuery = z.infer<typeof listRunsQuery>;
