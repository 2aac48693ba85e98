import type pg from 'pg';
import type { Ctx } from '../context';
import type { ServerLiveStatus } from '../contracts/server-status';
import { findServer } from './find-server';
import { withSql } from './sql-client';

type Basics = {
  version_text: string;
  version_num: number;
  in_recovery: boolean;
  started_at: Date | null;
  current_lsn: string | null;
  current_wal: string | null;
  data_directory: string | null;
  wal_level: string | null;
  archive_mode: string | null;
  archive_command: string | null;
};
type Archiver = { archived_count: string; last_archived_wal: string | null; last_archived_time: Date | null; failed_count: string; last_failed_wal: string | null; last_failed_time: Date | null };
type Slot = { active: boolean; restart_lsn: string | null; wal_status: string | null; retained: string | null };

const basicsSql = `
  SELECT current_setting('server_version') AS version_text, current_setting('server_version_num')::int AS version_num,
         pg_is_in_recovery() AS in_recovery, pg_postmaster_start_time() AS started_at,
         (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_receive_lsn() ELSE pg_current_wal_lsn() END)::text AS current_lsn,
         CASE WHEN pg_is_in_recovery() THEN NULL ELSE pg_walfile_name(pg_current_wal_lsn()) END AS current_wal,
         (SELECT setting FROM pg_settings WHERE name = 'data_directory') AS data_directory,
         (SELECT setting FROM pg_settings WHERE name = 'wal_level') AS wal_level,
         (SELECT setting FROM pg_settings WHERE name = 'archive_mode') AS archive_mode,
         (SELECT setting FROM pg_settings WHERE name = 'archive_command') AS archive_command`;

/** A fact the role may not be allowed to read is left out (null), not a failure of the whole status. */
async function maybe<R extends pg.QueryResultRow>(client: pg.Client, sql: string, params: unknown[] = []): Promise<R | null> {
  try {
    return (await client.query<R>(sql, params)).rows[0] ?? null;
  } catch {
    return null;
  }
}

function archiverOf(a: Archiver | null): ServerLiveStatus['archiver'] {
  if (!a) return null;
  return {
    archivedCount: Number(a.archived_count),
    lastArchivedWal: a.last_archived_wal,
    lastArchivedTime: a.last_archived_time?.toISOString() ?? null,
    failedCount: Number(a.failed_count),
    lastFailedWal: a.last_failed_wal,
    lastFailedTime: a.last_failed_time?.toISOString() ?? null,
  };
}

/** Barman's `status`, the part only PostgreSQL can tell, read now over a short-lived connection. */
export async function getServerLiveStatus({ ctx, input }: { ctx: Ctx; input: { server: string } }): Promise<ServerLiveStatus> {
  const server = await findServer(ctx, input.server);
  return withSql(
    server,
    async (client) => {
      const basics = (await client.query<Basics>(basicsSql)).rows[0] as Basics;
      // One connection answers one query at a time: these go in turn (pg deprecates queueing).
      const systemId = await maybe<{ id: string }>(client, 'SELECT system_identifier::text AS id FROM pg_control_system()');
      const size = await maybe<{ bytes: string | null }>(client, `SELECT sum(pg_database_size(oid))::text AS bytes FROM pg_database WHERE datallowconn AND has_database_privilege(oid, 'CONNECT')`);
      const archiver = await maybe<Archiver>(client, 'SELECT archived_count, last_archived_wal, last_archived_time, failed_count, last_failed_wal, last_failed_time FROM pg_stat_archiver');
      const slot = server.slotName
        ? await maybe<Slot>(client, 'SELECT active, restart_lsn::text, wal_status, pg_wal_lsn_diff($2::pg_lsn, restart_lsn)::text AS retained FROM pg_replication_slots WHERE slot_name = $1', [server.slotName, basics.current_lsn ?? '0/0'])
        : null;
      return {
        serverName: server.name,
        checkedAt: new Date().toISOString(),
        versionText: basics.version_text,
        versionNum: basics.version_num,
        inRecovery: basics.in_recovery,
        systemId: systemId?.id ?? null,
        startedAt: basics.started_at?.toISOString() ?? null,
        dataDirectory: basics.data_directory,
        dataSize: size?.bytes ? Number(size.bytes) : null,
        currentLsn: basics.current_lsn,
        currentWal: basics.current_wal,
        walLevel: basics.wal_level,
        archiveMode: basics.archive_mode,
        archiveCommand: basics.archive_command,
        archiver: archiverOf(archiver),
        slot: server.slotName
          ? { name: server.slotName, active: slot?.active ?? false, restartLsn: slot?.restart_lsn ?? null, walStatus: slot?.wal_status ?? (slot ? null : 'missing'), retainedBytes: slot?.retained ? Number(slot.retained) : null }
          : null,
      };
    },
    5_000,
  );
}
