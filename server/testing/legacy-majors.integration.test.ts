import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingMajorReason, type PgMajor } from '../local/postgres-binaries';
import { startPostgres, type PostgresServer } from './postgres-server';

// PostgreSQL 13 and 14 are started only by tests of the backup protocol (backupProtocolMajors);
// this proves the harness can run them at all, with the same defaults as the standard majors.
const legacyMajors: readonly PgMajor[] = [13, 14];

describe.each(legacyMajors)('legacy PostgreSQL %i in the harness', (major) => {
  const missing = missingMajorReason(major);
  if (missing) console.warn(`Skipping PostgreSQL ${major}: ${missing}`);
  let server: PostgresServer;

  beforeAll(async () => {
    if (!missing) server = await startPostgres({ major });
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it.skipIf(missing)('runs the requested major and answers a query', async () => {
    await server.query('CREATE TABLE t AS SELECT g AS n FROM generate_series(1, 100) g');
    const { rows } = await server.query<{ version: string; total: string }>(
      "SELECT current_setting('server_version_num') AS version, sum(n)::text AS total FROM t",
    );
    expect(Math.floor(Number(rows[0]?.version) / 10_000)).toBe(major);
    expect(rows[0]?.total).toBe('5050');
    const wal = await server.query<{ wal_level: string }>('SHOW wal_level');
    expect(wal.rows[0]?.wal_level).toBe('replica');
  });

  it.skipIf(missing)('accepts a physical replication connection', async () => {
    // pg supports `replication` but @types/pg's ClientConfig does not declare it.
    const client = new pg.Client({
      host: server.host,
      port: server.port,
      user: 'postgres',
      replication: 'true',
    } as pg.ClientConfig);
    await client.connect();
    try {
      const { rows } = await client.query<{ timeline: number; dbname: string | null }>('IDENTIFY_SYSTEM');
      expect(Number(rows[0]?.timeline)).toBe(1);
      expect(rows[0]?.dbname).toBeNull();
    } finally {
      await client.end();
    }
  });
});
