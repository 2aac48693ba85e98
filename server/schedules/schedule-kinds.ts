import type { z } from 'zod';
import { startBackupInput } from '../contracts/backups';
import { compressionLevelProblem } from '../contracts/compression-levels';
import { startRestoreVerifyInput } from '../contracts/recovery';
import { backupScheduleOptions, verifyScheduleOptions, type ScheduleKind } from '../contracts/schedules';
import type { Prisma, Server } from '../db/generated/client';
import type { JobName } from '../queue/jobs';

// What each kind of schedule starts. A firing makes one Run of `runKind` for the schedule's
// server with `runInput` as its input, unless `refusal` says why not now; the Run then goes
// through the queue and a worker like any other. A new kind adds an entry here and its options
// in contracts/schedules.ts; the firing, missed-run accounting and console come for free.

export type ScheduleKindSpec<O extends z.ZodType = z.ZodType> = {
  label: string;
  options: O;
  runKind: JobName;
  /** Why the server cannot run this now (the firing is then recorded as skipped), or null. */
  refusal(server: Server): string | null;
  runInput(options: z.output<O>): Prisma.InputJsonValue;
  /** The message for a firing refused because such a run is already queued or running. */
  busy(server: Server): string;
  /** Field problems of options that only make sense against the server (checked when saved). */
  problems(server: Server, options: z.output<O>): Record<string, string[]> | null;
};

const backup: ScheduleKindSpec<typeof backupScheduleOptions> = {
  label: 'Backup',
  options: backupScheduleOptions,
  runKind: 'backup.run',
  refusal(server) {
    if (!server.enabled) return `Server ${server.name} is disabled.`;
    if (server.backupMethod !== 'postgres') return `Server ${server.name} uses the ssh backup method, which Cellar does not provide yet.`;
    return null;
  },
  // Read back through the backup run's own schema: what the worker parses is what was checked.
  runInput: (options) => startBackupInput.parse(options),
  busy: (server) => `A backup of ${server.name} was already queued or running; this occurrence was skipped.`,
  problems(server, options) {
    const problem = compressionLevelProblem(options.compression ?? server.compression, options.compressionLevel);
    return problem ? { 'options.compressionLevel': [problem] } : null;
  },
};

// The run picks the latest backup itself when it starts, so a backup taken since the schedule
// was saved is the one verified; with none, it fails saying so (and raises its alert).
const verify: ScheduleKindSpec<typeof verifyScheduleOptions> = {
  label: 'Restore verification',
  options: verifyScheduleOptions,
  runKind: 'restore.verify',
  refusal: (server) => (server.enabled ? null : `Server ${server.name} is disabled.`),
  runInput: (options) => startRestoreVerifyInput.parse({ backup: 'latest', target: { kind: options.target }, amcheck: options.amcheck }),
  busy: (server) => `A restore verification of ${server.name} was already queued or running; this occurrence was skipped.`,
  problems: () => null,
};

export const scheduleKindSpecs: Record<ScheduleKind, ScheduleKindSpec> = { backup, verify };

export function kindSpec(kind: string): ScheduleKindSpec | null {
  return Object.hasOwn(scheduleKindSpecs, kind) ? scheduleKindSpecs[kind as ScheduleKind] : null;
}
