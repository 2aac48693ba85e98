import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetEnvCache } from '../config/env';
import { disconnectDb } from '../db/client';
import { useBackupFixture } from '../testing/backup-fixture';
import { startPostgres, type PostgresServer } from '../testing/postgres-server';
import { ReceiverFleet } from '../wal/receiver/receiver-fleet';
import { registerDemoServer } from './register-demo-server';

// The quick start's promise: the demo server streams its WAL from the start, so its first
// backup (which waits for WAL rather than carrying it) turns DONE without anyone's help.

describe('the quick start’s demo server', () => {
  const fx = useBackupFixture();
  let demo: PostgresServer;
  let fleet: ReceiverFleet;

  beforeAll(async () => {
    process.env.DATABASE_URL = fx.catalog.url;
    resetEnvCache();
    demo = await startPostgres();
    await demo.query('CREATE DATABASE shop');
  });
  afterAll(async () => {
    await fleet?.stop();
    await demo?.destroy();
    await disconnectDb();
  });

  it('streams WAL, and its first backup becomes DONE through check-backup', async () => {
    await registerDemoServer({ clusterUrl: (db) => demo.url(db), port: demo.port, producer: fx.producer });
    const server = await fx.ctx.db.server.findUniqueOrThrow({ where: { name: 'demo' } });
    expect(server).toMatchObject({ streamingArchiver: true, slotName: 'cellar_demo' });
    // The receiver starts only now, after the backup: the slot kept the WAL the backup needs.
    fleet = new ReceiverFleet({ ctx: fx.ctx, root: fx.root, catalogUrl: fx.catalog.url, owner: { host: os.hostname(), pid: process.pid }, pollMs: 1_000 });
    fleet.start();
    for (const deadline = Date.now() + 90_000; ; await sleep(250)) {
      const backup = await fx.ctx.db.backup.findFirst({ where: { serverId: server.id } });
      if (backup?.status === 'DONE') break;
      if (backup?.status === 'FAILED' || Date.now() > deadline) throw new Error(`demo backup ${backup?.status ?? 'missing'}: ${backup?.error ?? ''}`);
    }
    const backup = await fx.ctx.db.backup.findFirstOrThrow({ where: { serverId: server.id } });
    expect(backup.standalone).toBe(false);
    expect(await fx.ctx.db.walSegment.count({ where: { serverId: server.id, name: backup.endWal ?? '', source: 'streaming' } })).toBe(1);
  });
});
