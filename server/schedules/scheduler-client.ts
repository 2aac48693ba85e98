import type { Queue } from 'bullmq';
import { env } from '../config/env';
import { DomainError } from '../errors/domain-error';
import { producerConnection } from '../queue/redis';
import { schedulerQueue } from './scheduler-queue';

// The web process's handle on the scheduler queue: it registers, changes and removes job
// schedulers when a schedule is saved, and reads their next fire time. Like the producer, it
// fails fast when Redis is down (a request answers 503 instead of hanging).

let shared: Queue | undefined;

export function sharedSchedulerQueue(): Queue {
  if (!shared) {
    const connection = producerConnection();
    connection.on('error', () => undefined);
    shared = schedulerQueue(connection, env().CELLAR_QUEUE_PREFIX);
    shared.on('error', () => undefined);
  }
  return shared;
}

/** `work` against the queue, within `ms`; a Redis failure becomes the 503 every route uses. */
export async function withQueue<T>(work: () => Promise<T>, ms = 3_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
      }),
    ]);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DomainError('unavailable', `The job queue (Redis) is unreachable: ${reason}. Check that Redis is running and REDIS_URL is right, then retry.`);
  } finally {
    clearTimeout(timer);
  }
}
