import { Queue, type ConnectionOptions, type Job } from 'bullmq';
import { z } from 'zod';
import { cronRepeatStrategy } from './cron';

// The queue that BullMQ Job Schedulers fill: one scheduler per schedule (a cron pattern in its
// time zone) and one per maintenance task (a fixed period). Each scheduler puts one job per
// occurrence on the queue, with an id made of the scheduler and the occurrence's time, so an
// occurrence is one job however many workers and processes there are.
// Its jobs carry no Run: a firing makes the Run (a backup), maintenance is not a user operation.

export const schedulerQueueName = 'scheduler';

export const firePayload = z.object({ scheduleId: z.string().uuid() }).strict();
export const maintenancePayload = z.object({ task: z.string().min(1).max(64) }).strict();
export const schedulerJobs = { fire: 'schedule.fire', maintenance: 'maintenance.task' } as const;

export const scheduleSchedulerId = (scheduleId: string) => `schedule-${scheduleId}`;
export const maintenanceSchedulerId = (task: string) => `maintenance-${task}`;

/** Completed and failed jobs are kept a while, for inspection, then dropped. */
const jobOptions = { attempts: 1, removeOnComplete: { age: 24 * 3600, count: 500 }, removeOnFail: { age: 7 * 24 * 3600, count: 1000 } };

/** Queue and Worker settings: cron-parser decides the fire times everywhere (see cron.ts). */
export const schedulerSettings = { repeatStrategy: cronRepeatStrategy };

export function schedulerQueue(connection: ConnectionOptions, prefix: string): Queue {
  return new Queue(schedulerQueueName, { connection, prefix, settings: schedulerSettings });
}

export type RegisteredScheduler = { id: string; pattern: string | null; tz: string | null; every: number | null; next: number | null };

export async function registeredSchedulers(queue: Queue): Promise<Map<string, RegisteredScheduler>> {
  const found = new Map<string, RegisteredScheduler>();
  for (const s of await queue.getJobSchedulers(0, -1, true)) {
    const id = s.key;
    found.set(id, { id, pattern: s.pattern ?? null, tz: s.tz ?? null, every: s.every ?? null, next: s.next ?? null });
  }
  return found;
}

/**
 * Registers (or changes) the scheduler of a schedule. Upserting replaces the pending job of a
 * scheduler with one for the next occurrence from now, so it is done only when something
 * changed: done blindly at a worker's start, it would swallow an occurrence that is due but not
 * yet run (workers were down), which must fire late and be reported instead.
 */
export async function registerSchedule(queue: Queue, schedule: { id: string; cron: string; timezone: string }): Promise<void> {
  await queue.upsertJobScheduler(
    scheduleSchedulerId(schedule.id),
    { pattern: schedule.cron, tz: schedule.timezone },
    { name: schedulerJobs.fire, data: { scheduleId: schedule.id }, opts: jobOptions },
  );
}

export async function unregisterSchedule(queue: Queue, scheduleId: string): Promise<void> {
  await queue.removeJobScheduler(scheduleSchedulerId(scheduleId));
}

/** A period scheduler keeps its slot when upserted again unchanged, so this is safe at every start. */
export async function registerMaintenanceTask(queue: Queue, task: { name: string; everyMs: number }): Promise<void> {
  await queue.upsertJobScheduler(
    maintenanceSchedulerId(task.name),
    { every: task.everyMs },
    { name: schedulerJobs.maintenance, data: { task: task.name }, opts: jobOptions },
  );
}

/** The occurrence a scheduler job stands for, from its id `repeat:<scheduler>:<millis>`. */
export function occurrenceOf(job: Pick<Job, 'id' | 'timestamp'>): Date {
  const millis = Number(job.id?.split(':').at(-1));
  return new Date(Number.isFinite(millis) && millis > 0 ? millis : job.timestamp);
}
