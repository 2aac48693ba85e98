import type { Db } from '../db/client';

/**
 * A worker owns a run only if it flips it from queued to running itself: a conditional update,
 * so two workers handed the same job (a stalled-job retry, a duplicate) cannot both run it.
 */
export async function claimRun(db: Db, runId: string, workerId: string): Promise<boolean> {
  const now = new Date();
  const claimed = await db.run.updateMany({
    where: { id: runId, status: 'queued', cancelRequested: false },
    data: { status: 'running', workerId, startedAt: now, heartbeatAt: now, attempts: { increment: 1 } },
  });
  return claimed.count === 1;
}
