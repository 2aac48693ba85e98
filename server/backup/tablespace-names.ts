import pg from 'pg';
import type { Server } from '../db/generated/client';
import { parseConninfo, toPgClientConfig } from '../pg/conninfo';
import { openSecret } from '../servers/server-credentials';

/** Tablespace names by oid, over the SQL conninfo: the replication protocol gives only oids and paths. */
export async function readTablespaceNames(server: Server): Promise<Map<number, string>> {
  const { replication: _sqlOnly, ...config } = toPgClientConfig(parseConninfo(server.conninfo), openSecret(server.passwordSecret, 'password'));
  const client = new pg.Client({ ...config, connectionTimeoutMillis: 10_000, query_timeout: 10_000, application_name: 'cellar_backup' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ oid: number; spcname: string }>("SELECT oid::int AS oid, spcname FROM pg_tablespace WHERE spcname NOT IN ('pg_default', 'pg_global')");
    return new Map(rows.map((r) => [Number(r.oid), r.spcname]));
  } finally {
    await client.end().catch(() => undefined);
  }
}
