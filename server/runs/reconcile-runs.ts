import type { Db } from '../db/client';
import type { Logger } from '../log/logger';

export type ReconcileResult = { failed: string[] };

/**
 * A running run whose heartbeat went stale lost its worker (killed, host gone): it is marked
 * failed with the reason, never left "running" forever. The job's own cleanup (a partial backup,
 * say) is the job kind's business when it sees its run failed.
 */
export async function reconcileRuns(db: Db, logger: Logger, staleAfterMs = 60_000, now = new Date()): Promise<ReconcileResult> {
  const cutoff = new Date(now.getTime() - staleAfterMs);
  const stale = await db.run.updateManyAndReturn({
    where: { status: 'running', OR: [{ heartbeatAt: { lt: cutoff } }, { heartbeatAt: null }] },
    data: {
      status: 'failed',
      finishedAt: now,
      error: `The worker running this stopped responding (no heartbeat for ${Math.round(staleAfterMs / 1000)} s); the run was marked failed.`,
    },
    select: { id: true, kind: true },
  });
  for (const run of stale) logger.warn({ runId: run.id, kind: run.kind }, 'run failed by the reconciler: stale heartbeat');
  return { failed: stale.map((r) => r.id) };
}
