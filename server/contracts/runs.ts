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
  log?: RunLogLine[];
};

export const listRunsQuery = z.object({
  serverId: z.string().uuid().optional(),
  kind: z.string().max(64).optional(),
  status: z.enum(runStatuses).optional(),
  cursor: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListRunsQuery = z.infer<typeof listRunsQuery>;
