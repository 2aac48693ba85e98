import type { Queue } from 'bullmq';
import type { Ctx } from '../context';
import type { ScheduleView } from '../contracts/schedules';
import { env } from '../config/env';
import { findServer } from '../servers/find-server';
import { registeredSchedulers } from './scheduler-queue';
import { withQueue } from './scheduler-client';
import { toScheduleViews } from './schedule-view';

/** A server's schedules with their next run, last outcome and missed runs; readable by any role. */
export async function listSchedules({ ctx, queue, input }: { ctx: Ctx; queue: Queue; input: { server: string; now?: Date } }): Promise<{ schedules: ScheduleView[] }> {
  const server = await findServer(ctx, input.server);
  const rows = await ctx.db.schedule.findMany({ where: { serverId: server.id }, orderBy: { name: 'asc' }, include: { server: { select: { name: true } } } });
  // Without Redis the list still shows, with next runs computed from the expressions.
  const registered = await withQueue(() => registeredSchedulers(queue)).catch(() => null);
  const now = input.now ?? new Date();
  return { schedules: await toScheduleViews(ctx, rows, registered, { now, graceMs: env().CELLAR_SCHEDULE_GRACE_SECONDS * 1000 }) };
}
