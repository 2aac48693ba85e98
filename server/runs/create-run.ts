import type { Ctx } from '../context';
import type { JobName, JobPayload } from '../queue/jobs';
import type { Producer } from '../queue/producer';
import { DomainError } from '../errors/domain-error';
import { isUniqueViolation } from '../db/errors';
import type { Prisma, Run } from '../db/generated/client';
import { secondActiveRunError } from './one-active-run';

type Input = { kind: JobName; serverId?: string; input?: Prisma.InputJsonValue; payload?: Omit<JobPayload<JobName>, 'runId'>; retryOf?: string };

/**
 * Records a Run (queued) and puts its job on the queue. The Run row comes first so that a
 * job can never exist without its Run; if the queue is unreachable the Run is marked failed
 * and the caller gets 503 — no run is left looking queued forever. A kind that runs once per
 * server at a time (one-active-run.ts) gets 409 while another is queued or running.
 */
export async function createRun({ ctx, producer, input }: { ctx: Ctx; producer: Producer; input: Input }): Promise<Run> {
  let run: Run;
  try {
    run = await ctx.db.run.create({
      data: {
        kind: input.kind,
        serverId: input.serverId ?? null,
        input: input.input ?? {},
        requestedBy: ctx.actor.name,
        retryOf: input.retryOf ?? null,
      },
    });
  } catch (error) {
    if (!isUniqueViolation(error) || !input.serverId) throw error;
    throw await secondActiveRunError(ctx, input.serverId, input.kind);
  }
  try {
    await producer.enqueue(input.kind, { ...input.payload, runId: run.id });
  } catch (error) {
    const message = error instanceof DomainError ? error.message : 'The job could not be queued.';
    await ctx.db.run.update({
      where: { id: run.id },
      data: { status: 'failed', error: message, finishedAt: new Date() },
    });
    throw error;
  }
  return run;
}
