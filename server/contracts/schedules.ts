import { z } from 'zod';
import { checkpointSchema } from './backups';
import { compressionSchema } from './servers';

// Schedules' boundary: what a schedule is made of, per kind, and how it is shown. Shared by the
// API routes, the console and the workers. A kind is a job a schedule starts (a backup, a
// restore verification); a new kind adds its options here and its firing in
// server/schedules/schedule-kinds.ts.

/** Five fields, minute resolution, as cron(8) reads them: minute hour day-of-month month day-of-week. */
const fiveFields = /^\s*\S+\s+\S+\s+\S+\s+\S+\s+\S+\s*$/;
const cronAliases = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@hourly', '@weekdays', '@weekends']);

export const cronSchema = z
  .string()
  .trim()
  .min(1, 'Write a cron expression, e.g. "0 1 * * *" for every day at 01:00.')
  .max(200)
  .refine((text) => fiveFields.test(text) || cronAliases.has(text.toLowerCase()), {
    message: 'Use five fields (minute hour day-of-month month day-of-week), e.g. "30 2 * * 1-5", or @daily, @hourly, @weekly.',
  });

export const timeZoneSchema = z.string().trim().min(1).max(64);

export const scheduleNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the schedule a name.')
  .max(80, 'Use at most 80 characters for a schedule name.')
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _.:-]*$/, 'Start a schedule name with a letter or digit; then use letters, digits, space, "_", ".", ":" or "-".');

/** A scheduled backup's options: those of "Back up now" except a name (names are unique). */
export const backupScheduleOptions = z
  .object({
    compression: compressionSchema.optional(),
    compressionLevel: z.number().int().min(-7).max(22).nullable().optional(),
    checkpoint: checkpointSchema.default('fast'),
    standalone: z.boolean().optional(),
    reuse: z.boolean().optional(),
  })
  .strict();
export type BackupScheduleOptions = z.infer<typeof backupScheduleOptions>;

/**
 * A scheduled restore verification ("prove it restores"): the latest backup restored into a
 * scratch directory, to its consistency point or to the end of the WAL archive, and started.
 */
export const verifyScheduleOptions = z
  .object({
    target: z.enum(['immediate', 'latest']).default('immediate'),
    amcheck: z.boolean().default(true),
  })
  .strict();
export type VerifyScheduleOptions = z.infer<typeof verifyScheduleOptions>;

export const scheduleKinds = ['backup', 'verify'] as const;
export type ScheduleKind = (typeof scheduleKinds)[number];

const common = {
  name: scheduleNameSchema,
  cron: cronSchema,
  timezone: timeZoneSchema.default('UTC'),
  enabled: z.boolean().default(true),
  /** When occurrences were missed (workers down), run once late; otherwise only report them. */
  catchUp: z.boolean().default(true),
};

export const createScheduleInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('backup'), ...common, options: backupScheduleOptions.default({ checkpoint: 'fast' }) }).strict(),
  z.object({ kind: z.literal('verify'), ...common, options: verifyScheduleOptions.default({ target: 'immediate', amcheck: true }) }).strict(),
]);
export type CreateScheduleInput = z.input<typeof createScheduleInput>;
export type CreateScheduleData = z.output<typeof createScheduleInput>;

/** Changes to a schedule; its kind stays. */
export const updateScheduleInput = z
  .object({
    name: scheduleNameSchema.optional(),
    cron: cronSchema.optional(),
    timezone: timeZoneSchema.optional(),
    enabled: z.boolean().optional(),
    catchUp: z.boolean().optional(),
    options: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type UpdateScheduleInput = z.infer<typeof updateScheduleInput>;

export const firingOutcomes = ['started', 'skipped', 'missed', 'failed'] as const;
export type FiringOutcome = (typeof firingOutcomes)[number];

export type FiringView = {
  scheduledFor: string;
  firedAt: string;
  outcome: FiringOutcome;
  message: string | null;
  runId: string | null;
  /** The run's status now, when it started one. */
  runStatus: string | null;
};

export type ScheduleView = {
  id: string;
  serverName: string;
  kind: ScheduleKind;
  name: string;
  cron: string;
  timezone: string;
  options: Record<string, unknown>;
  enabled: boolean;
  catchUp: boolean;
  /** When it fires next: from the job scheduler when registered, else from the expression. */
  nextRunAt: string | null;
  /** Whether the job queue holds its scheduler (false: Redis unreachable, or being repaired). */
  registered: boolean | null;
  /** The time it should have fired at and has not, when more than the grace period ago (workers down). */
  overdueSince: string | null;
  lastFiring: FiringView | null;
  recentFirings: FiringView[];
  /** Occurrences reported missed in the last 7 days. */
  missedLastWeek: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};
