import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { env } from '../config/env';
import { queueNames, type QueueName } from '../queue/jobs';
import { producerConnection } from '../queue/redis';

export const queueStates = ['waiting', 'active', 'delayed', 'prioritized', 'paused', 'failed'] as const;
export type QueueDepth = { up: true; counts: { queue: QueueName; state: (typeof queueStates)[number]; jobs: number }[] } | { up: false; error: string };

type Handles = { connection: Redis; queues: Queue[] };
const cache = new Map<string, Handles>();

/**
 * Jobs per queue and state, read from Redis with the fail-fast producer connection: a scrape
 * answers within seconds even with Redis down, and says so (cellar_queue_up 0).
 */
export async function queueDepth(options: { redisUrl?: string; prefix?: string } = {}): Promise<QueueDepth> {
  const { queues } = handles(options.redisUrl ?? env().REDIS_URL, options.prefix ?? env().CELLAR_QUEUE_PREFIX);
  try {
    const counts = await withTimeout(Promise.all(queues.map((q) => q.getJobCounts(...queueStates))), 2_000);
    return {
      up: true,
      counts: counts.flatMap((byState, i) => queueStates.map((state) => ({ queue: queueNames[i] as QueueName, state, jobs: byState[state] ?? 0 }))),
    };
  } catch (error) {
    return { up: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Tests start their own Redis per file; the web process keeps its handles for its lifetime. */
export async function closeQueueDepthConnections(): Promise<void> {
  for (const { connection, queues } of cache.values()) {
    await Promise.all(queues.map((q) => q.close()));
    connection.disconnect();
  }
  cache.clear();
}

function handles(url: string, prefix: string): Handles {
  const key = `${url} ${prefix}`;
  let found = cache.get(key);
  if (!found) {
    const connection = producerConnection(url);
    connection.on('error', () => undefined);
    const queues = queueNames.map((name) => {
      const queue = new Queue(name, { connection, prefix });
      queue.on('error', () => undefined);
      return queue;
    });
    found = { connection, queues };
    cache.set(key, found);
  }
  return found;
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
