import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../db/migrate';
import { availableMajors } from '../local/postgres-binaries';
import { startPostgres } from './postgres-server';
import { startRedis } from './redis-server';

// One private catalog PostgreSQL and one private Redis for the whole integration run. Test files
// get a fresh database copied from a migrated template (fast) and their own BullMQ prefix; the
// machine's own PostgreSQL on 5432 and Redis on 6379 are never used.

const catalogTemplate = 'cellar_template';

// Anything that reads DATABASE_URL instead of using createTestCatalog() fails loudly on this
// missing database rather than silently writing into a developer's real catalog.
const guardDatabase = 'use_createTestCatalog_instead';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now();
  const major = availableMajors().includes(18) ? 18 : 15;
  // The catalog only needs to be fast: durability off is fine here, and WAL tests never share it.
  const [catalog, redis] = await Promise.all([
    startPostgres({ major, settings: { fsync: false, synchronous_commit: false, full_page_writes: false, max_connections: 300 } }),
    startRedis(),
  ]);
  try {
    await catalog.query(`CREATE DATABASE ${catalogTemplate}`);
    await applyMigrations(catalog.url(catalogTemplate));
    // No connections allowed: CREATE DATABASE ... TEMPLATE fails while anyone is connected to it.
    await catalog.query(`ALTER DATABASE ${catalogTemplate} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
  } catch (error) {
    await Promise.allSettled([catalog.destroy(), redis.stop()]);
    throw error;
  }
  project.provide('catalogAdminUrl', catalog.url());
  project.provide('catalogTemplate', catalogTemplate);
  project.provide('redisUrl', redis.url);
  // Test workers inherit this process's environment; restored afterwards for other projects.
  const previous = { DATABASE_URL: process.env.DATABASE_URL, REDIS_URL: process.env.REDIS_URL };
  process.env.DATABASE_URL = catalog.url(guardDatabase);
  process.env.REDIS_URL = redis.url;
  const ms = Math.round(performance.now() - started);
  console.log(`[harness] catalog PostgreSQL ${major} on port ${catalog.port}, Redis on port ${redis.port}, ready in ${ms} ms`);
  return async () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await Promise.allSettled([catalog.destroy(), redis.stop()]);
  };
}
