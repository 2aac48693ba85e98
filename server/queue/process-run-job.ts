import type { Db } from '../db/client';
import type { Logger } from '../log/logger';
import type { Prisma, Run } from '../db/generated/client';
import { systemActor, type Ctx } from '../context';
import { claimRun } from '../runs/claim-run';
import { finishRun } from '../runs/finish-run';
import { RunCancelledError, startRunHandle, type RunHandle } from '../runs/run-handle';
import { parsePayload, type JobName } from './jobs';

export type Processor = (args: { ctx: Ctx; run: Run; handle: RunHandle }) => Promise<Prisma.InputJsonValue | void>;
export type Processors = Partial<Record<JobName, Processor>>;

export type ProcessOutcome = 'succeeded' | 'failed' | 'cancelled' | 'skipped';

/** Called once a run is finished (alert evaluation listens here); its failure never changes the run. */
export type AfterRun = (run: Pick<Run, 'id' | 'kind' | 'serverId'> & { status: Exclude<ProcessOutcome, 'skipped'> }) => Promise<void>;

/**
 * Runs one job: the payload is validated again (it crossed Redis), the Run is claimed (or the
 * job skipped when another worker owns it or it was cancelled), then the processor runs under
 * a heartbeat and the Run is finished honestly whatever happens.
 */
export async function processRunJob(
  deps: { db: Db; logger: Logger; workerId: string; processors: Processors; afterRun?: AfterRun },
  job: { name: string; data: unknown },
): Promise<ProcessOutcome> {
  const outcome = await runJob(deps, job);
  if (outcome.status !== 'skipped' && deps.afterRun) {
    await deps.afterRun({ ...outcome.run, status: outcome.status }).catch((err: unknown) => deps.logger.warn({ err, runId: outcome.run.id }, 'after-run hook failed'));
  }
  return outcome.status;
}

type JobOutcome = { status: 'skipped' } | { status: Exclude<ProcessOutcome, 'skipped'>; run: Run };

async function runJob(deps: { db: Db; logger: Logger; workerId: string; processors: Processors }, job: { name: string; data: unknown }): Promise<JobOutcome> {
  const name = job.name as JobName;
  const processor = deps.processors[name];
  if (!processor) throw new Error(`No processor for job '${job.name}' in this worker.`);
  const { runId } = parsePayload(name, job.data);
  if (!(await claimRun(deps.db, runId, deps.workerId))) {
    deps.logger.info({ runId, job: job.name }, 'run not claimable (owned elsewhere, finished or cancelled); skipped');
    return { status: 'skipped' };
  }
  const run = await deps.db.run.findUniqueOrThrow({ where: { id: runId } });
  const log = deps.logger.child({ runId, job: job.name });
  const handle = startRunHandle(deps.db, runId, deps.workerId, log);
  const ctx: Ctx = { db: deps.db, actor: { ...systemActor, name: run.requestedBy ?? 'cellar' }, requestId: runId, log };
  try {
    const result = await processor({ ctx, run, handle });
    await handle.stop();
    if (handle.signal.aborted) throw new RunCancelledError();
    await finishRun(deps.db, runId, deps.workerId, { status: 'succeeded', result: result ?? {} });
    return { status: 'succeeded', run };
  } catch (error) {
    await handle.stop();
    if (error instanceof RunCancelledError || handle.signal.aborted) {
      await handle.log('warn', 'cancelled').catch(() => undefined);
      await finishRun(deps.db, runId, deps.workerId, { status: 'cancelled', error: 'Cancelled at the request of a user.' });
      return { status: 'cancelled', run };
    }
    const message = error instanceof Error ? error.message : String(error);
    log.error({ err: error }, 'run failed');
    await handle.log('error', message).catch(() => undefined);
    await finishRun(deps.db, runId, deps.workerId, { status: 'failed', error: message });
    return { status: 'failed', run };
  }
}
