import type { PostgresServer } from './postgres-server';

// Marker rows at known commit times, xids and LSNs, with named restore points between them and
// WAL switches so they spread over several segments: what the PITR tests restore to (tests only).

export type Marker = { id: number; xid: string; time: string; lsnAfter: string };

const usText = "to_char(pg_xact_commit_timestamp($1::text::xid) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US') || '+00:00'";

export async function addMarker(pg: PostgresServer, id: number, note: string): Promise<Marker> {
  const client = await pg.query<{ xid: string }>(`WITH x AS (INSERT INTO markers VALUES (${id}, '${note}') RETURNING txid_current()::text AS xid) SELECT xid FROM x`);
  const xid = client.rows[0]?.xid ?? '';
  const time = (await pg.query<{ t: string }>(`SELECT ${usText} AS t`, [xid])).rows[0]?.t ?? '';
  const lsnAfter = (await pg.query<{ l: string }>('SELECT pg_current_wal_insert_lsn()::text AS l')).rows[0]?.l ?? '';
  // Distinct commit times: targets between markers must be unambiguous.
  await new Promise((resolve) => setTimeout(resolve, 15));
  return { id, xid, time, lsnAfter };
}

export async function restorePoint(pg: PostgresServer, name: string): Promise<string> {
  return (await pg.query<{ l: string }>('SELECT pg_create_restore_point($1)::text AS l', [name])).rows[0]?.l ?? '';
}

export async function switchWal(pg: PostgresServer): Promise<string> {
  await pg.query('CREATE TABLE IF NOT EXISTS ticks (at timestamptz); INSERT INTO ticks VALUES (now())');
  return (await pg.query<{ name: string }>('SELECT pg_walfile_name(pg_switch_wal()) AS name')).rows[0]?.name ?? '';
}

export async function markerIds(pg: PostgresServer): Promise<number[]> {
  return (await pg.query<{ id: number }>('SELECT id FROM markers ORDER BY id')).rows.map((r) => r.id);
}
