import type { Db } from '../db/client';
import type { Logger } from '../log/logger';

export class RunCancelledError extends Error {
  override name = 'RunCancelledError';
  constructor() {
    super('Cancelled at the request of a user.');
  }
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** What a job processor gets: report progress, log lines kept with the run, honour cancel. */
export type RunHandle = {
  runId: string;
  signal: AbortSignal;
  log(level: LogLevel, message: string): Promise<void>;
  phase(name: string): Promise<void>;
  progress(done: number | bigint, total?: number | bigint | null, note?: string): void;
  throwIfCancelled(): void;
  stop(): Promise<void>;
};

/**
 * Heartbeats write the latest progress and read the cancel flag in one round trip, so a
 * processor reporting progress a thousand times a second costs one UPDATE every few seconds.
 */
export function startRunHandle(db: Db, runId: string, workerId: string, logger: Logger): RunHandle {
  const heartbeatMs = Number(process.env.CELLAR_HEARTBEAT_MS ?? 5_000);
  const controller = new AbortController();
  let pending: { done: bigint; total: bigint | null | undefined; note?: string } | undefined;
  let stopped = false;

  const beat = async (): Promise<void> => {
    const progress = pending;
    pending = undefined;
    const rows = await db.run.updateManyAndReturn({
      where: { id: runId, workerId, status: 'running' },
      data: {
        heartbeatAt: new Date(),
        ...(progress
          ? { progressDone: progress.done, progressTotal: progress.total ?? undefined, progressNote: progress.note }
          : {}),
      },
      select: { cancelRequested: true },
    });
    if (rows.length === 0 || rows[0]?.cancelRequested) controller.abort(new RunCancelledError());
  };

  const timer = setInterval(() => {
    beat().catch((error: unknown) => logger.warn({ err: error, runId }, 'heartbeat failed'));
  }, heartbeatMs);
  timer.unref();

  return {
    runId,
    signal: controller.signal,
    async log(level, message) {
      logger[level]({ runId }, message);
      await db.runLog.create({ data: { runId, level, message: message.slice(0, 4000) } });
    },
    async phase(name) {
      await db.run.update({ where: { id: runId }, data: { phase: name } });
      await this.log('info', `phase: ${name}`);
    },
    progress(done, total, note) {
      pending = { done: BigInt(done), total: total === undefined || total === null ? total : BigInt(total), note };
    },
    throwIfCancelled() {
      if (controller.signal.aborted) throw new RunCancelledError();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await beat().catch(() => undefined);
    },
  };
}
