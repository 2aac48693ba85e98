import type { Ctx } from '../context';
import type { ReplicationStatusView } from '../contracts/wal';
import { requireRole } from '../auth/roles';
import { DomainError } from '../errors/domain-error';
import { describePgError } from '../pg/describe-pg-error';
import { findServer } from '../servers/find-server';
import { withSql } from '../servers/sql-client';

type Row = {
  application_name: string;
  client_addr: string | null;
  state: string;
  sync_state: string;
  sent_lsn: string | null;
  write_lsn: string | null;
  flush_lsn: string | null;
  replay_lsn: string | null;
  sent_lag: string | null;
  flush_lag: string | null;
  replay_lag: string | null;
  write_lag_s: number | null;
  flush_lag_s: number | null;
  replay_lag_s: number | null;
  slot_name: string | null;
  backend_start: Date | null;
};

/** Barman's replication-status: every standby and WAL streamer the server feeds (pg_stat_replication). */
export async function getReplicationStatus({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { server: string };
}): Promise<ReplicationStatusView> {
  requireRole(ctx.actor, 'viewer');
  const server = await findServer(ctx, input.server);
  return withSql(server, async (client) => {
    try {
      const head = await client.query<{ lsn: string; recovery: boolean }>(
        'SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_receive_lsn() ELSE pg_current_wal_lsn() END)::text AS lsn, pg_is_in_recovery() AS recovery',
      );
      const current = head.rows[0]?.lsn ?? '0/0';
      const { rows } = await client.query<Row>(
        `SELECT r.application_name, host(r.client_addr) AS client_addr, r.state, r.sync_state,
                r.sent_lsn::text, r.write_lsn::text, r.flush_lsn::text, r.replay_lsn::text,
                pg_wal_lsn_diff($1::pg_lsn, r.sent_lsn)::text AS sent_lag, pg_wal_lsn_diff($1::pg_lsn, r.flush_lsn)::text AS flush_lag,
                pg_wal_lsn_diff($1::pg_lsn, r.replay_lsn)::text AS replay_lag,
                extract(epoch FROM r.write_lag)::float8 AS write_lag_s, extract(epoch FROM r.flush_lag)::float8 AS flush_lag_s,
                extract(epoch FROM r.replay_lag)::float8 AS replay_lag_s, s.slot_name, r.backend_start
         FROM pg_stat_replication r LEFT JOIN pg_replication_slots s ON s.active_pid = r.pid
         ORDER BY r.application_name`,
        [current],
      );
      const num = (v: string | null) => (v === null ? null : Number(v));
      return {
        serverName: server.name,
        currentLsn: current,
        inRecovery: Boolean(head.rows[0]?.recovery),
        clients: rows.map((r) => ({
          applicationName: r.application_name,
          clientAddress: r.client_addr,
          state: r.state,
          syncState: r.sync_state,
          sentLsn: r.sent_lsn,
          writeLsn: r.write_lsn,
          flushLsn: r.flush_lsn,
          replayLsn: r.replay_lsn,
          sentLag: num(r.sent_lag),
          flushLag: num(r.flush_lag),
          replayLag: num(r.replay_lag),
          writeLagSeconds: r.write_lag_s,
          flushLagSeconds: r.flush_lag_s,
          replayLagSeconds: r.replay_lag_s,
          slotName: r.slot_name,
          backendStart: r.backend_start?.toISOString() ?? null,
        })),
      };
    } catch (error) {
      throw new DomainError(
        'unavailable',
        `Could not read pg_stat_replication on ${server.name}: ${describePgError(error, {})}`,
      );
    }
  });
}
