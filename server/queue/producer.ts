import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { env } from '../config/env';
import { DomainError } from '../errors/domain-error';
import { jobIdForRun, jobs, parsePayload, type JobName, type JobPayload, type QueueName } from './jobs';
import { producerConnection } from './redis';

export type Producer = {
  enqueue<N extends JobName>(name: N, payload: JobPayload<N>): Promise<void>;
  remove(runId: string, name: JobName): Promise<void>;
  close(): Promise<void>;
};

export function createProducer(options: { redisUrl?: string; prefix?: string } = {}): Producer {
  const connection: Redis = producerConnection(options.redisUrl);
  connection.on('error', () => undefined); // surfaced per request as 503, not as a crash
  const prefix = options.prefix ?? env().CELLAR_QUEUE_PREFIX;
  const queues = new Map<QueueName, Queue>();
  const queueFor = (name: QueueName): Queue => {
    let queue = queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection, prefix });
      queue.on('error', () => undefined);
      queues.set(name, queue);
    }
    return queue;
  };

  return {
    async enqueue(name, payload) {
      const data = parsePayload(name, payload);
      const spec = jobs[name];
      try {
        await withTimeout(
          queueFor(spec.queue).add(name, data, {
            jobId: jobIdForRun(data.runId),
            attempts: spec.attempts,
            removeOnComplete: { age: 24 * 3600, count: 1000 },
            removeOnFail: { age: 7 * 24 * 3600 },
          }),
          3_000,
        );
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new DomainError('unavailable', `The job queue (Redis) is unreachable: ${reason}. Check that Redis is running and REDIS_URL is right, then retry.`);
      }
    },
    async remove(runId, name) {
      await queueFor(jobs[name].queue).remove(jobIdForRun(runId)).catch(() => 0);
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      connection.disconnect();
    },
  };
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

let shared: Producer | undefined;

/** The web process's producer, created on first use. */
export function sharedProducer(): Producer {
  shared ??= createProducer();
  return shared;
}
