import type { Queue } from 'bullmq';
import type { Ctx } from '../context';
import type { Producer } from '../queue/producer';
import { occurrencesBetween } from './cron';
import { fireSchedule } from './fire-schedule';
import { registerSchedule, registeredSchedulers, scheduleSchedulerId, unregisterSchedule } from './scheduler-queue';

// Maintenance: the job schedulers in Redis match the schedules in the catalog. A scheduler that
// is missing (Redis lost its data, a save whose registration failed) is registered again, and
// the occurrences it did not fire meanwhile are reported missed (and caught up once, if the
// schedule says so) rather than forgotten. A scheduler with no enabled schedule is removed.
// Schedulers that exist and agree are left alone: re-registering would drop a due occurrence.

export type SyncResult = { registered: string[]; removed: string[]; missed: number };

export async function syncSchedules({ ctx, queue, producer, input }: { ctx: Ctx; queue: Queue; producer: Producer; input: { now: Date; workerId: string; graceMs: number } }): Promise<SyncResult> {
  const present = await registeredSchedulers(queue);
  const schedules = await ctx.db.schedule.findMany();
  const result: SyncResult = { registered: [], removed: [], missed: 0 };
  const wanted = new Set<string>();
  for (const schedule of schedules) {
    const id = scheduleSchedulerId(schedule.id);
    const current = present.get(id);
    if (!schedule.enabled) {
      if (current) await unregisterSchedule(queue, schedule.id);
      continue;
    }
    wanted.add(id);
    if (current && current.pattern === schedule.cron && (current.tz ?? 'UTC') === schedule.timezone) continue;
    const due = occurrencesBetween(schedule.cron, schedule.timezone, schedule.coveredUntil, input.now, 1);
    const last = due.at(-1);
    if (last) {
      const fired = await fireSchedule({ ctx, producer, input: { scheduleId: schedule.id, scheduledFor: last, now: input.now, workerId: input.workerId, graceMs: input.graceMs } });
      result.missed += fired.missed + (fired.outcome === 'missed' ? 1 : 0);
    }
    await registerSchedule(queue, schedule);
    result.registered.push(schedule.name);
    ctx.log.warn({ schedule: schedule.name }, 'job scheduler was missing or different; registered again');
  }
  for (const id of present.keys()) {
    if (!id.startsWith('schedule-') || wanted.has(id)) continue;
    await queue.removeJobScheduler(id);
    result.removed.push(id);
  }
  return result;
}
