import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startPostgres, type PostgresServer } from '../../server/testing/postgres-server';
import { storedBytes } from './backup-runners';

// The two clusters the benchmark backs up: one holding a pgbench database (very compressible)
// and one holding a table of random bytes (hardly compressible), each loaded, vacuumed and
// checkpointed before anything is timed.

const run = promisify(execFile);

export type ClusterKind = 'pgbench' | 'random';

export type ClusterSizes = {
  database: string;
  databaseBytes: number;
  clusterBytes: number;
  walBytes: number;
};

// A benchmark server, not a test one: room for a bulk load without forced checkpoints, and no
// autovacuum waking up in the middle of a timed run (VACUUM runs explicitly before timing).
const benchSettings = {
  shared_buffers: '512MB',
  maintenance_work_mem: '512MB',
  max_wal_size: '8GB',
  min_wal_size: '1GB',
  checkpoint_timeout: '1h',
  checkpoint_completion_target: 0.9,
  autovacuum: false,
  log_checkpoints: true,
};

export async function startBenchCluster(extra: Record<string, string | number | boolean> = {}): Promise<PostgresServer> {
  return startPostgres({ major: 15, settings: { ...benchSettings, ...extra } });
}

/** pgbench -i -s scale into a database named pgbench. */
export async function loadPgbench(server: PostgresServer, scale: number): Promise<string> {
  await server.query('CREATE DATABASE pgbench');
  const args = [
    '-i',
    '-s',
    String(scale),
    '-q',
    '-h',
    server.host,
    '-p',
    String(server.port),
    '-U',
    server.superuser,
    'pgbench',
  ];
  await run(path.join(server.binDir, 'pgbench'), args, { maxBuffer: 64 * 1024 * 1024 });
  return 'pgbench';
}

// Rows of 2,000 random bytes, four to a page: under the TOAST threshold, so the table is the
// random bytes themselves, stored uncompressed (pglz gives up on random input anyway).
const payloadBytes = 2000;
const rowsPerMiB = ((1024 * 1024) / 8192) * 4;
const rowsPerInsert = 50_000;

/** A database `random` with about `mib` MiB of gen_random_bytes in one table. */
export async function loadRandom(server: PostgresServer, mib: number): Promise<string> {
  await server.query('CREATE DATABASE random');
  await server.query('CREATE EXTENSION pgcrypto', [], 'random');
  await server.query('CREATE TABLE random_bytes (id integer NOT NULL, payload bytea NOT NULL)', [], 'random');
  await server.query('ALTER TABLE random_bytes ALTER COLUMN payload SET STORAGE EXTERNAL', [], 'random');
  const rows = Math.round(mib * rowsPerMiB);
  const half = payloadBytes / 2; // gen_random_bytes gives at most 1024 bytes a call
  for (let first = 1; first <= rows; first += rowsPerInsert) {
    const last = Math.min(rows, first + rowsPerInsert - 1);
    await server.query(
      `INSERT INTO random_bytes SELECT g, gen_random_bytes(${half}) || gen_random_bytes(${half}) FROM generate_series($1::int, $2::int) g`,
      [first, last],
      'random',
    );
  }
  return 'random';
}

export async function loadCluster(
  server: PostgresServer,
  kind: ClusterKind,
  size: { scale: number; randomMib: number },
): Promise<string> {
  const database =
    kind === 'pgbench' ? await loadPgbench(server, size.scale) : await loadRandom(server, size.randomMib);
  await server.query('VACUUM', [], database);
  await server.query('CHECKPOINT');
  return database;
}

export async function clusterSizes(server: PostgresServer, database: string): Promise<ClusterSizes> {
  const { rows } = await server.query<{ size: string }>('SELECT pg_database_size($1)::text AS size', [
    database,
  ]);
  return {
    database,
    databaseBytes: Number(rows[0]?.size),
    clusterBytes: await storedBytes(server.dataDir),
    walBytes: await storedBytes(path.join(server.dataDir, 'pg_wal')),
  };
}
