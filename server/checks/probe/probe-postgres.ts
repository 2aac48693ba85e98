import pg from 'pg';
import type { ArchiverStats, Fact, FunctionFacts, PostgresFacts, RoleFacts, SlotFacts } from '../types';
import { receiveWalApplicationName } from '../types';
import { describePgError } from '../../pg/describe-pg-error';

// One SQL connection, read-only queries, each bounded by the client config's statement and
// query timeouts (see pg-client-config). Barman's PostgreSQLConnection.fetch_remote_status.

export async function probePostgres(
  config: pg.ClientConfig,
  slotName: string | null,
): Promise<Fact<PostgresFacts>> {
  const client = new pg.Client(config);
  // A socket error after connect must not crash the process; the pending query rejects anyway.
  client.on('error', () => undefined);
  const target = {
    host: config.host,
    port: config.port,
    user: config.user,
    connectTimeoutMs: config.connectionTimeoutMillis,
  };
  try {
    await client.connect();
    return { ok: true, value: await readFacts(client, slotName) };
  } catch (error) {
    return { ok: false, error: describePgError(error, target) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function readFacts(client: pg.Client, slotName: string | null): Promise<PostgresFacts> {
  const settings = await one<{
    version_num: number;
    version_text: string;
    in_recovery: boolean;
    wal_level: string | null;
    archive_mode: string | null;
    archive_command: string | null;
    archive_library: string | null;
  }>(
    client,
    `SELECT current_setting('server_version_num')::int AS version_num,
            split_part(current_setting('server_version'), ' ', 1) AS version_text,
            pg_is_in_recovery() AS in_recovery,
            (SELECT setting FROM pg_settings WHERE name = 'wal_level') AS wal_level,
            (SELECT setting FROM pg_settings WHERE name = 'archive_mode') AS archive_mode,
            (SELECT setting FROM pg_settings WHERE name = 'archive_command') AS archive_command,
            (SELECT setting FROM pg_settings WHERE name = 'archive_library') AS archive_library`,
  );
  const { role, functions } = await readPrivileges(client, settings.version_num);
  return {
    versionNum: settings.version_num,
    versionText: settings.version_text,
    walLevel: settings.wal_level,
    archiveMode: settings.archive_mode,
    archiveCommand: settings.archive_command,
    archiveLibrary: settings.archive_library || null,
    isInRecovery: settings.in_recovery,
    role,
    functions,
    systemId: await readSystemId(client),
    archiver: await readArchiver(client),
    slot: slotName ? await readSlot(client, slotName) : undefined,
    walReceivers: (
      await one<{ n: number }>(
        client,
        'SELECT count(*)::int AS n FROM pg_stat_replication WHERE application_name = $1',
        [receiveWalApplicationName],
      )
    ).n,
  };
}

/**
 * Barman's has_backup_privileges inputs. Signatures go through to_regprocedure so a function
 * that does not exist in this major gives NULL (false), never an error.
 */
async function readPrivileges(
  client: pg.Client,
  versionNum: number,
): Promise<{ role: RoleFacts; functions: FunctionFacts }> {
  const pg15 = versionNum >= 150000;
  const start = pg15 ? 'pg_backup_start(text,boolean)' : 'pg_start_backup(text,boolean,boolean)';
  const stops = pg15
    ? ['pg_backup_stop(boolean)', 'pg_backup_stop(boolean)']
    : ['pg_stop_backup()', 'pg_stop_backup(boolean,boolean)'];
  const execute = (param: string) =>
    `coalesce(has_function_privilege(r.oid, to_regprocedure(${param}), 'EXECUTE'), false)`;
  const row = await one<{
    name: string;
    superuser: boolean;
    replication: boolean;
    monitor: boolean;
    read_all_settings: boolean;
    read_all_stats: boolean;
    checkpoint: boolean | null;
    backup_start: boolean;
    backup_stop: boolean;
    switch_wal: boolean;
    restore_point: boolean;
  }>(
    client,
    `SELECT r.rolname AS name, r.rolsuper AS superuser, r.rolreplication AS replication,
            pg_has_role(r.oid, 'pg_monitor', 'USAGE') AS monitor,
            pg_has_role(r.oid, 'pg_read_all_settings', 'USAGE') AS read_all_settings,
            pg_has_role(r.oid, 'pg_read_all_stats', 'USAGE') AS read_all_stats,
            pg_has_role(r.oid, to_regrole('pg_checkpoint'), 'USAGE') AS checkpoint,
            ${execute('$1')} AS backup_start,
            ${execute('$2')} OR ${execute('$3')} AS backup_stop,
            ${execute("'pg_switch_wal()'")} AS switch_wal,
            ${execute("'pg_create_restore_point(text)'")} AS restore_point
       FROM pg_roles r WHERE r.rolname = current_user`,
    [start, ...stops],
  );
  return {
    role: {
      name: row.name,
      superuser: row.superuser,
      replication: row.replication,
      monitor: row.monitor,
      readAllSettings: row.read_all_settings,
      readAllStats: row.read_all_stats,
      checkpoint: row.checkpoint,
    },
    functions: {
      backupStart: row.backup_start,
      backupStop: row.backup_stop,
      switchWal: row.switch_wal,
      createRestorePoint: row.restore_point,
    },
  };
}

/** pg_control_system() may be refused to a plain role; the streaming connection's IDENTIFY_SYSTEM then still tells. */
async function readSystemId(client: pg.Client): Promise<string | null> {
  try {
    return (
      await one<{ id: string }>(client, 'SELECT system_identifier::text AS id FROM pg_control_system()')
    ).id;
  } catch {
    return null;
  }
}

async function readArchiver(client: pg.Client): Promise<ArchiverStats | null> {
  const result = await client.query<{
    archived_count: string;
    last_archived_wal: string | null;
    last_archived_time: Date | null;
    failed_count: string;
    last_failed_wal: string | null;
    last_failed_time: Date | null;
  }>(
    'SELECT archived_count, last_archived_wal, last_archived_time, failed_count, last_failed_wal, last_failed_time FROM pg_stat_archiver',
  );
  const row = result.rows[0];
  if (!row) return null;
  return {
    archivedCount: Number(row.archived_count),
    lastArchivedWal: row.last_archived_wal,
    lastArchivedTime: row.last_archived_time,
    failedCount: Number(row.failed_count),
    lastFailedWal: row.last_failed_wal,
    lastFailedTime: row.last_failed_time,
  };
}

async function readSlot(client: pg.Client, slotName: string): Promise<SlotFacts | null> {
  const result = await client.query<{
    slot_type: string;
    active: boolean;
    restart_lsn: string | null;
    wal_status: string | null;
  }>(
    'SELECT slot_type, active, restart_lsn::text AS restart_lsn, wal_status FROM pg_replication_slots WHERE slot_name = $1',
    [slotName],
  );
  const row = result.rows[0];
  return row
    ? { slotType: row.slot_type, active: row.active, restartLsn: row.restart_lsn, walStatus: row.wal_status }
    : null;
}

async function one<T extends pg.QueryResultRow>(
  client: pg.Client,
  sql: string,
  params: unknown[] = [],
): Promise<T> {
  const result = await client.query<T>(sql, params);
  const row = result.rows[0];
  if (!row) throw new Error(`PostgreSQL returned no row for: ${sql.split('\n')[0] ?? sql}`);
  return row;
}
