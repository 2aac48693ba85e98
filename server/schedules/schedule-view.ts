import type { Ctx } from '../context';
import type { FiringView, ScheduleKind, ScheduleView } from '../contracts/schedules';
import type { Run, Schedule, ScheduleFiring } from '../db/generated/client';
import { nextOccurrence } from './cron';
import type { RegisteredScheduler } from './scheduler-queue';
import { scheduleSchedulerId } from './scheduler-queue';

const weekMs = 7 * 86_400_000;
const recentCount = 5;

export function toFiringView(f: ScheduleFiring & { run: Pick<Run, 'status'> | null }): FiringView {
  return {
    scheduledFor: f.scheduledFor.toISOString(),
    firedAt: f.firedAt.toISOString(),
    outcome: f.outcome,
    message: f.message,
    runId: f.runId,
    runStatus: f.run?.status ?? null,
  };
}

/**
 * Schedules as the console shows them. `registered` is what the job queue holds (null when it
 * could not be asked): its next fire time is the truth; one in the past by more than the grace
 * period means no worker is taking the jobs.
 */
export async function toScheduleViews(
  ctx: Ctx,
  schedules: (Schedule & { server: { name: string } })[],
  registered: Map<string, RegisteredScheduler> | null,
  options: { now: Date; graceMs: number },
): Promise<ScheduleView[]> {
  const since = new Date(options.now.getTime() - weekMs);
  return Promise.all(
    schedules.map(async (s) => {
      const [recent, missed] = await Promise.all([
        ctx.db.scheduleFiring.findMany({ where: { scheduleId: s.id }, orderBy: { scheduledFor: 'desc' }, take: recentCount, include: { run: { select: { status: true } } } }),
        ctx.db.scheduleFiring.count({ where: { scheduleId: s.id, outcome: 'missed', scheduledFor: { gte: since } } }),
      ]);
      const scheduler = registered?.get(scheduleSchedulerId(s.id));
      const next = !s.enabled ? null : scheduler?.next ? new Date(scheduler.next) : nextOccurrence(s.cron, s.timezone, options.now);
      const overdue = s.enabled && scheduler?.next && scheduler.next < options.now.getTime() - options.graceMs ? new Date(scheduler.next) : null;
      const recentViews = recent.map(toFiringView);
      return {
        id: s.id,
        serverName: s.server.name,
        kind: s.kind as ScheduleKind,
        name: s.name,
        cron: s.cron,
        timezone: s.timezone,
        options: (s.options ?? {}) as Record<string, unknown>,
        enabled: s.enabled,
        catchUp: s.catchUp,
        nextRunAt: next?.toISOString() ?? null,
        registered: registered === null ? null : Boolean(scheduler),
        overdueSince: overdue?.toISOString() ?? null,
        lastFiring: recentViews[0] ?? null,
        recentFirings: recentViews,
        missedLastWeek: missed,
        createdBy: s.createdBy,
        createdAt: s.createdAt.toISOString(),
        updatedAt: s.updatedAt.toISOString(),
      };
    }),
  );
}
