import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingMajorReason, supportedMajors } from '../local/postgres-binaries';
import { useBackupFixture } from '../testing/backup-fixture';
import { startPostgres, type PostgresServer } from '../testing/postgres-server';
import { startBackupVerify } from './start-backup-verify';

// A standalone backup carries the WAL from its start to its end. PostgreSQL does not keep that
// WAL for a base backup on its own: with a small max_wal_size, the checkpoints of a busy server
// (or of a concurrent backup) recycle it before the backup ends. Cellar holds it with a
// temporary replication slot for the length of the backup.

describe.each(supportedMajors)('a standalone backup of PostgreSQL %i', (major) => {
  const missing = missingMajorReason(major);
  const fx = useBackupFixture();
  let source: PostgresServer;
  let server: { id: string; name: string };

  beforeAll(async () => {
    if (missing) return;
    source = await startPostgres({
      major,
      settings: { max_wal_size: '32MB', min_wal_size: '32MB', wal_keep_size: '0' },
    });
    await source.query(
      'CREATE TABLE filler AS SELECT g AS id, md5(g::text) AS v FROM generate_series(1, 200000) g',
    );
    server = await fx.addServer(source);
  });
  afterAll(() => source?.destroy());

  it.skipIf(missing)('keeps the WAL it needs while checkpoints recycle the server’s WAL', async () => {
    const started = await fx.startBackup(server.name, { maxRateKbps: 4096, standalone: true });
    await fx.waitForRun(started.id, (r) => r.progressDone > 0n || !['queued', 'running'].includes(r.status));
    // Well past max_wal_size, with checkpoints that remove what no one holds.
    for (let i = 0; i < 6; i++) {
      await source.query('INSERT INTO filler SELECT g, md5(g::text) FROM generate_series(1, 100000) g');
      await source.query('CHECKPOINT');
    }
    const done = await fx.waitForRun(started.id);
    expect(done.error).toBeNull();
    expect(done.status).toBe('succeeded');
    const backup = await fx.ctx.db.backup.findFirstOrThrow({ where: { runId: started.id } });
    expect(backup.status).toBe('DONE');
    const slots = await source.query<{ n: string }>(
      "SELECT count(*) AS n FROM pg_replication_slots WHERE slot_name LIKE 'cellar_backup_%'",
    );
    expect(slots.rows[0]?.n).toBe('0');
    const verify = await startBackupVerify({
      ctx: fx.ctx,
      producer: fx.producer,
      input: { server: server.name, backup: backup.backupId },
    });
    expect((await fx.waitForRun(verify.id)).result).toMatchObject({ ok: true });
  });
});
