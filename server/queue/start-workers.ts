import { hostname } from 'node:os';
import { Queue, Worker } from 'bullmq';
import type { Db } from '../db/client';
import type { Logger } from '../log/logger';
import { env } from '../config/env';
import { jobs, queueNames, type JobName, type QueueName } from './jobs';
import { processRunJob, type AfterRun, type Processors } from './process-run-job';
import { workerConnection } from './redis';

export type RunningWorkers = { workerId: string; close(): Promise<void> };

/** One BullMQ Worker per queue that has processors here. close() lets active jobs finish. */
export function startWorkers(options: {
  db: Db;
  logger: Logger;
  processors: Processors;
  redisUrl?: string;
  prefix?: string;
  concurrency?: Partial<Record<QueueName, number>>;
  /** Jobs of a queue running at once across all worker processes (set on the queue in Redis). */
  globalConcurrency?: Partial<Record<QueueName, number>>;
  afterRun?: AfterRun;
}): RunningWorkers {
  const workerId = `${hostname()}:${process.pid}`;
  const connection = workerConnection(options.redisUrl);
  connection.on('error', (err) => options.logger.warn({ err: err.message }, 'redis connection error; retrying'));
  const prefix = options.prefix ?? env().CELLAR_QUEUE_PREFIX;
  const deps = { db: options.db, logger: options.logger, workerId, processors: options.processors, afterRun: options.afterRun };
  const served = queueNames.filter((queue) =>
    (Object.keys(options.processors) as JobName[]).some((name) => jobs[name].queue === queue),
  );
  const workers = served.map((queue) => {
    const worker = new Worker(queue, (job) => processRunJob(deps, job), {
      connection,
      prefix,
      concurrency: options.concurrency?.[queue] ?? options.globalConcurrency?.[queue] ?? 2,
    });
    worker.on('error', (err) => options.logger.warn({ err: err.message, queue }, 'worker error'));
    return worker;
  });
  for (const [queue, limit] of Object.entries(options.globalConcurrency ?? {})) {
    const admin = new Queue(queue, { connection, prefix });
    admin
      .setGlobalConcurrency(limit)
      .catch((err: unknown) => options.logger.warn({ err, queue }, 'could not set the global concurrency'))
      .finally(() => void admin.close());
  }
  options.logger.info({ workerId, queues: served }, 'workers started');

  let closing: Promise<void> | undefined;
  return {
    workerId,
    close() {
      closing ??= (async () => {
        await Promise.all(workers.map((w) => w.close()));
        connection.disconnect();
      })();
      return closing;
    },
  };
}
