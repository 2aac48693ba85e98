import type { Db } from '../db/client';
import type { Prisma } from '../db/generated/client';

export type RunOutcome =
  | { status: 'succeeded'; result?: Prisma.InputJsonValue }
  | { status: 'failed'; error: string }
  | { status: 'cancelled'; error?: string };

/** Only the worker that claimed the run may finish it, and only once. */
export async function finishRun(db: Db, runId: string, workerId: string, outcome: RunOutcome): Promise<boolean> {
  const done = await db.run.updateMany({
    where: { id: runId, status: 'running', workerId },
    data: {
      status: outcome.status,
      finishedAt: new Date(),
      ...(outcome.status === 'succeeded' ? { result: outcome.result ?? {} } : { error: outcome.error ?? null }),
    },
  });
  return done.count === 1;
}
