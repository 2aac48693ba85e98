import pg from 'pg';
import { systemActor, type Ctx } from '../context';
import { db } from '../db/client';
import { logger } from '../log/logger';
import type { Producer } from '../queue/producer';
import { createServer } from '../servers/create-server';
import { startServerCheck } from '../servers/start-server-check';
import { startBackup } from '../backup/start-backup';
import { startBackupInput } from '../contracts/backups';
import { isDomainError } from '../errors/domain-error';
import { changeReplicationSlot } from '../wal/receiver/replication-slot-actions';

/**
 * The quick start's demo: a `shop` database with sample rows, registered as server "demo" with
 * WAL streaming on, checked, and backed up once. Its slot is created before the first backup, so
 * the WAL the backup needs is kept for the receiver even if that starts later, and the backup
 * (which then waits for WAL, not standalone) becomes DONE once its segments are streamed.
 */
export async function registerDemoServer(options: { clusterUrl: (db?: string) => string; port: number; producer: Producer }): Promise<void> {
  await seedShop(options.clusterUrl('shop'));
  const ctx: Ctx = { db: db(), actor: systemActor, requestId: 'quick-start', log: logger };
  if (!(await ctx.db.server.findUnique({ where: { name: 'demo' } }))) {
    await createServer({
      ctx,
      input: {
        name: 'demo',
        description: 'Demo PostgreSQL started by the quick start (sample database "shop")',
        conninfo: `host=127.0.0.1 port=${options.port} user=postgres dbname=postgres`,
        retentionPolicy: 'REDUNDANCY 2',
        minimumRedundancy: 1,
        lastBackupMaximumAge: '1 day',
        streamingArchiver: true,
        slotName: 'cellar_demo',
        createSlot: true,
      },
    });
  } else {
    // The demo cluster gets a new free port on every start.
    await ctx.db.server.update({ where: { name: 'demo' }, data: { conninfo: `host=127.0.0.1 port=${options.port} user=postgres dbname=postgres` } });
  }
  const registered = await ctx.db.server.findUniqueOrThrow({ where: { name: 'demo' } });
  if (registered.streamingArchiver && registered.slotName) await changeReplicationSlot({ ctx, input: { server: 'demo', action: 'create' } });
  await startServerCheck({ ctx, producer: options.producer, input: { name: 'demo' } });
  // A newcomer should see a backup happen: the first start takes one.
  const demo = await ctx.db.server.findUniqueOrThrow({ where: { name: 'demo' } });
  if ((await ctx.db.backup.count({ where: { serverId: demo.id, status: 'DONE' } })) === 0) {
    await startBackup({ ctx, producer: options.producer, input: { name: 'demo', options: startBackupInput.parse({}) } }).catch((error: unknown) => {
      if (!(isDomainError(error) && error.code === 'conflict')) throw error;
    });
  }
}

async function seedShop(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`
      CREATE TABLE IF NOT EXISTS customers (id int PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE IF NOT EXISTS orders (id bigint PRIMARY KEY, customer_id int NOT NULL REFERENCES customers, total numeric(10,2) NOT NULL, ordered_at timestamptz NOT NULL);
      INSERT INTO customers (id, name) SELECT g, 'customer ' || g FROM generate_series(1, 1000) g ON CONFLICT DO NOTHING;
      INSERT INTO orders SELECT g, 1 + g % 1000, round((random() * 500)::numeric, 2), now() - g * interval '1 minute'
        FROM generate_series(1, 50000) g ON CONFLICT DO NOTHING;`);
  } finally {
    await client.end();
  }
}
