import pg from 'pg';
import type { Server } from '../db/generated/client';
import { checkClientConfig } from '../checks/probe/pg-client-config';
import { describePgError } from '../pg/describe-pg-error';
import { openSecret } from '../servers/server-credentials';

/** What Barman's `status` reads from PostgreSQL (get_remote_status), over one short SQL session. */
export type PostgresStatus = {
  versionText: string;
  inRecovery: boolean;
  currentSize: number | null;
  dataDirectory: string | null;
  currentWal: string | null;
  archiveMode: string | null;
  archiveCommand: string | null;
  archiver: { archivedCount: number; lastArchivedWal: string | null; lastArchivedTime: Date | null; failedCount: number; lastFailedWal: string | null; lastFailedTime: Date | null; statsReset: Date | null } | null;
};

export async function readPostgresStatus(server: Server, timeoutMs = 5_000): Promise<{ ok: true; value: PostgresStatus } | { ok: false; error: string }> {
  let config: ReturnType<typeof checkClientConfig>;
  try {
    config = checkClientConfig(server.conninfo, openSecret(server.passwordSecret, 'password'), { stepMs: timeoutMs });
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const client = new pg.Client({ ...config, application_name: 'cellar_status' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return { ok: true, value: await read(client) };
  } catch (error) {
    return { ok: false, error: describePgError(error, { host: config.host, port: config.port, user: config.user }) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function read(client: pg.Client): Promise<PostgresStatus> {
  // Settings a plain role may not read (data_directory) simply have no row in pg_settings.
  const { rows } = await client.query<{ version: string; in_recovery: boolean; size: string | null; data_directory: string | null; archive_mode: string | null; archive_command: string | null }>(
    `SELECT split_part(current_setting('server_version'), ' ', 1) AS version, pg_is_in_recovery() AS in_recovery,
            (SELECT sum(pg_database_size(oid))::text FROM pg_database WHERE datallowconn) AS size,
            (SELECT setting FROM pg_settings WHERE name = 'data_directory') AS data_directory,
            (SELECT setting FROM pg_settings WHERE name = 'archive_mode') AS archive_mode,
            (SELECT setting FROM pg_settings WHERE name = 'archive_command') AS archive_command`,
  );
  const row = rows[0];
  if (!row) throw new Error('PostgreSQL returned no status row');
  // pg_current_wal_lsn() is refused during recovery: a standby has no "current" segment to name.
  const wal = row.in_recovery ? null : ((await client.query<{ name: string }>('SELECT pg_walfile_name(pg_current_wal_lsn()) AS name')).rows[0]?.name ?? null);
  const archiver = (
    await client.query<{ archived_count: string; last_archived_wal: string | null; last_archived_time: Date | null; failed_count: string; last_failed_wal: string | null; last_failed_time: Date | null; stats_reset: Date | null }>(
      'SELECT archived_count, last_archived_wal, last_archived_time, failed_count, last_failed_wal, last_failed_time, stats_reset FROM pg_stat_archiver',
    )
  ).rows[0];
  return {
    versionText: row.version,
    inRecovery: row.in_recovery,
    currentSize: row.size === null ? null : Number(row.size),
    dataDirectory: row.data_directory,
    currentWal: wal,
    archiveMode: row.archive_mode,
    archiveCommand: row.archive_command || null,
    archiver: archiver
      ? {
          archivedCount: Number(archiver.archived_count),
          lastArchivedWal: archiver.last_archived_wal,
          lastArchivedTime: archiver.last_archived_time,
          failedCount: Number(archiver.failed_count),
          lastFailedWal: archiver.last_failed_wal,
          lastFailedTime: archiver.last_failed_time,
          statsReset: archiver.stats_reset,
        }
      : null,
  };
}
