import { Redis, type RedisOptions } from 'ioredis';
import { env } from '../config/env';

// Producers (web) must fail fast so a request answers 503 instead of hanging when Redis is
// down; workers must wait forever for Redis to come back (BullMQ requires
// maxRetriesPerRequest: null for them).

export function producerConnection(url = env().REDIS_URL): Redis {
  const options: RedisOptions = {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    lazyConnect: false,
  };
  return new Redis(url, options);
}

export function workerConnection(url = env().REDIS_URL): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 500, 5_000),
  });
}
