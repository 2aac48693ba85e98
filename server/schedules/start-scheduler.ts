import { hostname } from 'node:os';
import { Worker, type Job } from 'bullmq';
import type { Db } from '../db/client';
import type { Logger } from '../log/logger';
import { env } from '../config/env';
import { systemActor, type Ctx } from '../context';
import { withAdvisoryLock } from '../db/advisory-lock';
import type { Producer } from '../queue/producer';
import { workerConnection } from '../queue/redis';
import { maintenanceTasks as defaultTasks, type MaintenanceTask } from '../maintenance/maintenance-tasks';
import { fireSchedule } from './fire-schedule';
import {
  firePayload,
  maintenancePayload,
  maintenanceSchedulerId,
  occurrenceOf,
  registerMaintenanceTask,
  registeredSchedulers,
  schedulerJobs,
  schedulerQueue,
  schedulerQueueName,
  schedulerSettings,
} from './scheduler-queue';

// The worker side of schedules and maintenance: takes the jobs the Job Schedulers put on the
// scheduler queue, fires schedules and runs maintenance tasks. Any number of worker processes
// can run this; each occurrence is one job, so one of them handles it.

export type SchedulerOptions = {
  db: Db;
  logger: Logger;
  root: string;
  producer: Producer;
  redisUrl?: string;
  prefix?: string;
  graceMs?: number;
  tasks?: MaintenanceTask[];
  /** Jobs at once in this process: firings are quick, maintenance tasks may not be. */
  concurrency?: number;
  workerId?: string;
};

export type RunningScheduler = { workerId: string; close(): Promise<void> };

export async function startScheduler(options: SchedulerOptions): Promise<RunningScheduler> {
  const workerId = options.workerId ?? `${hostname()}:${process.pid}`;
  const prefix = options.prefix ?? env().CELLAR_QUEUE_PREFIX;
  const graceMs = options.graceMs ?? env().CELLAR_SCHEDULE_GRACE_SECONDS * 1000;
  const tasks = options.tasks ?? defaultTasks;
  const connection = workerConnection(options.redisUrl);
  connection.on('error', (err) => options.logger.warn({ err: err.message }, 'redis connection error; retrying'));
  const queue = schedulerQueue(connection, prefix);
  const deps: Deps = { ...options, workerId, graceMs, tasks, queue };
  await registerTasks(queue, tasks);
  // Occurrences must start on time even when a worker dies: a short lock hands a job a dead
  // worker held to another within seconds (it is renewed while a long maintenance task runs),
  // and a one-second drain delay makes every worker look for due jobs each second, not only when
  // woken (the worker that died may have been the one told about the next due job).
  const worker = new Worker(schedulerQueueName, (job) => handle(deps, job), {
    connection,
    prefix,
    name: workerId,
    concurrency: options.concurrency ?? 8,
    settings: schedulerSettings,
    lockDuration: 10_000,
    stalledInterval: 5_000,
    drainDelay: 1,
  });
  worker.on('error', (err) => options.logger.warn({ err: err.message }, 'scheduler worker error'));
  worker.on('failed', (job, err) => options.logger.error({ err: err.message, job: job?.name, data: job?.data as unknown }, 'scheduler job failed'));
  options.logger.info({ workerId, tasks: tasks.map((t) => t.name) }, 'scheduler started');
  let closing: Promise<void> | undefined;
  return {
    workerId,
    close() {
      closing ??= (async () => {
        await worker.close();
        await queue.close();
        connection.disconnect();
      })();
      return closing;
    },
  };
}

type Deps = SchedulerOptions & { workerId: string; graceMs: number; tasks: MaintenanceTask[]; queue: ReturnType<typeof schedulerQueue> };

/** Every task's scheduler, and none for a task no longer in the list. */
async function registerTasks(queue: Deps['queue'], tasks: MaintenanceTask[]): Promise<void> {
  for (const task of tasks) await registerMaintenanceTask(queue, task);
  const names = new Set(tasks.map((t) => maintenanceSchedulerId(t.name)));
  for (const id of (await registeredSchedulers(queue)).keys()) if (id.startsWith('maintenance-') && !names.has(id)) await queue.removeJobScheduler(id);
}

function ctxFor(deps: Deps, requestId: string): Ctx {
  return { db: deps.db, actor: systemActor, requestId, log: deps.logger.child({ requestId }) };
}

async function handle(deps: Deps, job: Job): Promise<unknown> {
  if (job.name === schedulerJobs.fire) {
    const { scheduleId } = firePayload.parse(job.data);
    const ctx = ctxFor(deps, `schedule:${scheduleId}`);
    const result = await fireSchedule({ ctx, producer: deps.producer, input: { scheduleId, scheduledFor: occurrenceOf(job), now: new Date(), workerId: deps.workerId, graceMs: deps.graceMs } });
    // A schedule deleted or switched off whose scheduler outlived it: remove the scheduler.
    if (result.outcome === 'ignored' && job.repeatJobKey) await deps.queue.removeJobScheduler(job.repeatJobKey);
    return result;
  }
  if (job.name === schedulerJobs.maintenance) return runMaintenanceTask(deps, maintenancePayload.parse(job.data).task);
  throw new Error(`No handler for scheduler job '${job.name}'.`);
}

/** One task, once at a time across every process (a slow retention pass is not run twice over). */
async function runMaintenanceTask(deps: Deps, name: string): Promise<unknown> {
  const task = deps.tasks.find((t) => t.name === name);
  if (!task) return { skipped: 'unknown task' };
  const ctx = ctxFor(deps, `maintenance:${name}`);
  const started = Date.now();
  try {
    const outcome = await withAdvisoryLock(deps.db, 'cellar.maintenance', name, { waitMs: 0 }, () =>
      task.run({ ctx, root: deps.root, producer: deps.producer, schedulerQueue: deps.queue, workerId: deps.workerId, now: new Date(), graceMs: deps.graceMs }),
    );
    if (!outcome.acquired) return { skipped: 'running elsewhere' };
    ctx.log.debug({ task: name, ms: Date.now() - started }, 'maintenance task done');
    return outcome.value ?? null;
  } catch (error) {
    // Logged and reported on the job; the next period tries again.
    ctx.log.warn({ err: error, task: name }, 'maintenance task failed');
    throw error;
  }
}
