import type { Queue } from 'bullmq';
import type { Ctx } from '../context';
import type { CreateScheduleData, ScheduleView, UpdateScheduleInput } from '../contracts/schedules';
import type { Prisma, Schedule, Server } from '../db/generated/client';
import { env } from '../config/env';
import { isUniqueViolation } from '../db/errors';
import { DomainError } from '../errors/domain-error';
import { requireRole } from '../auth/roles';
import { recordAuditEvent } from '../audit/record-audit-event';
import { findServer } from '../servers/find-server';
import { cronProblem, isTimeZone } from './cron';
import { kindSpec } from './schedule-kinds';
import { registerSchedule, registeredSchedulers, unregisterSchedule } from './scheduler-queue';
import { withQueue } from './scheduler-client';
import { toScheduleViews } from './schedule-view';

// Saving a schedule writes the catalog row, then its job scheduler. If the queue cannot take the
// change, the row is put back as it was and the request fails with 503: the console never shows
// a schedule that will not fire. (Maintenance repairs any drift that happens later anyway.)

type Args<I> = { ctx: Ctx; queue: Queue; input: I };

export async function createSchedule({ ctx, queue, input }: Args<{ server: string; body: CreateScheduleData; now?: Date }>): Promise<ScheduleView> {
  requireRole(ctx.actor, 'operator', 'create schedules');
  const server = await findServer(ctx, input.server);
  const { body } = input;
  assertTiming(body.cron, body.timezone);
  assertOptions(server, body.kind, body.options);
  const data = { serverId: server.id, kind: body.kind, name: body.name, cron: body.cron, timezone: body.timezone, enabled: body.enabled, catchUp: body.catchUp, options: body.options as Prisma.InputJsonValue, coveredUntil: input.now ?? new Date(), createdBy: ctx.actor.name };
  const row = await ctx.db.schedule.create({ data }).catch((error: unknown) => {
    throw isUniqueViolation(error) ? nameTaken(server.name, body.name) : error;
  });
  try {
    if (row.enabled) await withQueue(() => registerSchedule(queue, row));
  } catch (error) {
    await ctx.db.schedule.delete({ where: { id: row.id } });
    throw error;
  }
  await recordAuditEvent(ctx, { action: 'schedule.create', targetType: 'schedule', targetId: `${server.name}/${row.name}`, outcome: 'success', details: { kind: row.kind, cron: row.cron, timezone: row.timezone, enabled: row.enabled, options: body.options } });
  return viewOf(ctx, queue, row, server.name);
}

export async function updateSchedule({ ctx, queue, input }: Args<{ server: string; id: string; body: UpdateScheduleInput; now?: Date }>): Promise<ScheduleView> {
  requireRole(ctx.actor, 'operator', 'change schedules');
  const server = await findServer(ctx, input.server);
  const before = await findSchedule(ctx, server.id, input.id);
  const { body } = input;
  const cron = body.cron ?? before.cron;
  const timezone = body.timezone ?? before.timezone;
  assertTiming(cron, timezone);
  const options = body.options === undefined ? undefined : parseOptions(before.kind, { ...(before.options as object), ...body.options });
  if (options !== undefined) assertOptions(server, before.kind, options);
  const enabled = body.enabled ?? before.enabled;
  // A new timing, or a schedule switched back on, starts counting occurrences from now: what
  // fell before belongs to the old timing or to the time it was off, not to missed runs.
  const retimed = cron !== before.cron || timezone !== before.timezone || (enabled && !before.enabled);
  const data = { name: body.name, cron, timezone, enabled, catchUp: body.catchUp, options, ...(retimed ? { coveredUntil: input.now ?? new Date() } : {}) };
  const row = await ctx.db.schedule.update({ where: { id: before.id }, data }).catch((error: unknown) => {
    throw isUniqueViolation(error) ? nameTaken(server.name, body.name ?? '') : error;
  });
  try {
    if (!row.enabled) await withQueue(() => unregisterSchedule(queue, row.id));
    else if (retimed) await withQueue(() => registerSchedule(queue, row));
  } catch (error) {
    const { id: _id, serverId: _s, createdAt: _c, updatedAt: _u, ...previous } = before;
    await ctx.db.schedule.update({ where: { id: before.id }, data: { ...previous, options: previous.options as Prisma.InputJsonValue } });
    throw error;
  }
  await recordAuditEvent(ctx, { action: 'schedule.update', targetType: 'schedule', targetId: `${server.name}/${row.name}`, outcome: 'success', details: { changes: body } });
  return viewOf(ctx, queue, row, server.name);
}

export async function deleteSchedule({ ctx, queue, input }: Args<{ server: string; id: string }>): Promise<void> {
  requireRole(ctx.actor, 'operator', 'delete schedules');
  const server = await findServer(ctx, input.server);
  const row = await findSchedule(ctx, server.id, input.id);
  // The scheduler first: a failure then leaves the schedule whole rather than firing unseen.
  await withQueue(() => unregisterSchedule(queue, row.id));
  await ctx.db.schedule.delete({ where: { id: row.id } });
  await recordAuditEvent(ctx, { action: 'schedule.delete', targetType: 'schedule', targetId: `${server.name}/${row.name}`, outcome: 'success', details: { kind: row.kind, cron: row.cron, timezone: row.timezone } });
}

async function findSchedule(ctx: Ctx, serverId: string, id: string): Promise<Schedule> {
  const row = await ctx.db.schedule.findFirst({ where: { id, serverId } });
  if (!row) throw new DomainError('not_found', 'This server has no such schedule; it may have been deleted.');
  return row;
}

function assertTiming(cron: string, timezone: string): void {
  if (!isTimeZone(timezone)) throw DomainError.validation('The time zone is not known.', { timezone: [`"${timezone}" is not a time zone; use an IANA name such as UTC or Europe/Paris.`] });
  const problem = cronProblem(cron, timezone);
  if (problem) throw DomainError.validation('The cron expression is not valid.', { cron: [problem] });
}

function parseOptions(kind: string, options: unknown): Prisma.InputJsonValue {
  const spec = kindSpec(kind);
  if (!spec) throw new DomainError('conflict', `This Cellar does not know schedules of kind "${kind}".`);
  const parsed = spec.options.safeParse(options);
  if (!parsed.success) throw DomainError.validation('The options are not valid.', Object.fromEntries(parsed.error.issues.map((i) => [`options.${i.path.join('.')}`, [i.message]])));
  return parsed.data as Prisma.InputJsonValue;
}

function assertOptions(server: Server, kind: string, options: unknown): void {
  const spec = kindSpec(kind);
  const parsed = spec?.options.safeParse(options);
  const problems = spec && parsed?.success ? spec.problems(server, parsed.data) : null;
  if (problems) throw DomainError.validation('The options do not suit this server.', problems);
}

const nameTaken = (server: string, name: string) => DomainError.validation('That schedule name is taken.', { name: [`${server} already has a schedule named "${name}"; choose another name.`] });

async function viewOf(ctx: Ctx, queue: Queue, row: Schedule, serverName: string): Promise<ScheduleView> {
  const registered = await withQueue(() => registeredSchedulers(queue)).catch(() => null);
  const [view] = await toScheduleViews(ctx, [{ ...row, server: { name: serverName } }], registered, { now: new Date(), graceMs: env().CELLAR_SCHEDULE_GRACE_SECONDS * 1000 });
  if (!view) throw new Error('no view of the schedule');
  return view;
}
