import type { Ctx } from '../context';
import type { FiringOutcome } from '../contracts/schedules';
import type { Run, Schedule, ScheduleFiring, Server } from '../db/generated/client';
import { isUniqueViolation } from '../db/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import type { Producer } from '../queue/producer';
import { occurrencesBetween } from './cron';
import { kindSpec } from './schedule-kinds';

// One occurrence of a schedule, handled once whatever happens around it:
//  - one row per (schedule, occurrence) in schedule_firings, written in the same transaction as
//    the Run it starts: a job delivered twice (a stalled job after a worker died, two workers)
//    finds the row and starts nothing more; it only re-queues a Run left queued;
//  - occurrences that never got a job (workers down: BullMQ schedules the next job from the
//    moment the late one is taken) are found from the schedule's coveredUntil and recorded as
//    missed; a late occurrence runs once if the schedule catches up, else is recorded missed too;
//  - a backup (or a restore verification) already queued or running for the server makes the
//    occurrence skipped, with why (one-active-run.ts).

export type FireInput = { scheduleId: string; scheduledFor: Date; now: Date; workerId: string; graceMs: number };
export type FireResult = { outcome: FiringOutcome | 'ignored'; runId: string | null; missed: number };

const missedRowsLimit = 100;

export async function fireSchedule({ ctx, producer, input }: { ctx: Ctx; producer: Producer; input: FireInput }): Promise<FireResult> {
  const schedule = await ctx.db.schedule.findUnique({ where: { id: input.scheduleId }, include: { server: true } });
  if (!schedule || !schedule.enabled) return { outcome: 'ignored', runId: null, missed: 0 };
  const existing = await findFiring(ctx, schedule.id, input.scheduledFor);
  if (existing) return resumeFiring(ctx, producer, existing);

  const lateMs = input.now.getTime() - input.scheduledFor.getTime();
  const late = lateMs > input.graceMs;
  const missed = await recordMissed(ctx, schedule, input, late);
  let result: FireResult;
  if (late && !schedule.catchUp) {
    result = await recordOutcome(ctx, schedule, input, 'missed', `Not run: it was due ${seconds(lateMs)} earlier and no worker took it then (workers down or busy); this schedule does not catch up.`);
  } else {
    const note = late ? `Ran ${seconds(lateMs)} late: no worker took it at the scheduled time (workers down or busy).` : null;
    result = await startRun(ctx, producer, schedule, input, note);
  }
  await ctx.db.schedule.updateMany({ where: { id: schedule.id, coveredUntil: { lt: input.now } }, data: { coveredUntil: input.now } });
  return { ...result, missed };
}

const seconds = (ms: number) => (ms >= 120_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`);

function findFiring(ctx: Ctx, scheduleId: string, scheduledFor: Date): Promise<(ScheduleFiring & { run: Run | null }) | null> {
  return ctx.db.scheduleFiring.findUnique({ where: { scheduleId_scheduledFor: { scheduleId, scheduledFor } }, include: { run: true } });
}

/** The occurrence was handled before: only a Run still waiting for its job is queued again (same job id: no duplicate). */
async function resumeFiring(ctx: Ctx, producer: Producer, firing: ScheduleFiring & { run: Run | null }): Promise<FireResult> {
  if (firing.run?.status === 'queued') await producer.enqueue(firing.run.kind as Parameters<Producer['enqueue']>[0], { runId: firing.run.id });
  return { outcome: firing.outcome, runId: firing.runId, missed: 0 };
}

/** Occurrences after coveredUntil, other than this one, that no job stood for. */
async function recordMissed(ctx: Ctx, schedule: Schedule, input: FireInput, caughtUp: boolean): Promise<number> {
  const missed = occurrencesBetween(schedule.cron, schedule.timezone, schedule.coveredUntil, input.now, missedRowsLimit).filter(
    (at) => at.getTime() !== input.scheduledFor.getTime(),
  );
  if (!missed.length) return 0;
  const message = caughtUp && schedule.catchUp ? 'Missed: no worker took it at this time (workers down or busy); one late run caught up for it.' : 'Missed: no worker took it at this time (workers down or busy).';
  await ctx.db.scheduleFiring.createMany({
    data: missed.map((scheduledFor) => ({ scheduleId: schedule.id, scheduledFor, outcome: 'missed' as const, workerId: input.workerId, message, firedAt: input.now })),
    skipDuplicates: true,
  });
  ctx.log.warn({ schedule: schedule.name, missed: missed.length }, 'schedule occurrences missed while no worker ran');
  return missed.length;
}

async function recordOutcome(ctx: Ctx, schedule: Schedule, input: FireInput, outcome: FiringOutcome, message: string): Promise<FireResult> {
  try {
    await ctx.db.scheduleFiring.create({ data: { scheduleId: schedule.id, scheduledFor: input.scheduledFor, outcome, message, workerId: input.workerId, firedAt: input.now } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  return { outcome, runId: null, missed: 0 };
}

async function startRun(ctx: Ctx, producer: Producer, schedule: Schedule & { server: Server }, input: FireInput, note: string | null): Promise<FireResult> {
  const spec = kindSpec(schedule.kind);
  if (!spec) return recordOutcome(ctx, schedule, input, 'failed', `This Cellar does not know schedules of kind "${schedule.kind}".`);
  const options = spec.options.safeParse(schedule.options);
  if (!options.success) return recordOutcome(ctx, schedule, input, 'failed', `The schedule's options are not valid: ${options.error.issues.map((i) => i.message).join('; ')}`);
  const refusal = spec.refusal(schedule.server);
  if (refusal) return recordOutcome(ctx, schedule, input, 'skipped', refusal);
  let run: Run;
  try {
    run = await ctx.db.$transaction(async (tx) => {
      const created = await tx.run.create({ data: { kind: spec.runKind, serverId: schedule.serverId, input: spec.runInput(options.data), requestedBy: `schedule ${schedule.name}` } });
      await tx.scheduleFiring.create({ data: { scheduleId: schedule.id, scheduledFor: input.scheduledFor, outcome: 'started', runId: created.id, workerId: input.workerId, message: note, firedAt: input.now } });
      return created;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const raced = await findFiring(ctx, schedule.id, input.scheduledFor);
    if (raced) return resumeFiring(ctx, producer, raced);
    return recordOutcome(ctx, schedule, input, 'skipped', spec.busy(schedule.server));
  }
  try {
    await producer.enqueue(spec.runKind, { runId: run.id });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await ctx.db.run.update({ where: { id: run.id }, data: { status: 'failed', error: message, finishedAt: new Date() } });
  }
  await recordAuditEvent(
    { ...ctx, actor: { type: 'system', id: null, name: `schedule ${schedule.name}`, role: 'operator' } },
    { action: `${schedule.kind}.start`, targetType: 'server', targetId: schedule.server.name, outcome: 'success', details: { runId: run.id, scheduleId: schedule.id, scheduledFor: input.scheduledFor.toISOString() } },
  );
  return { outcome: 'started', runId: run.id, missed: 0 };
}
