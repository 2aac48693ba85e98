import type { Server } from '../db/generated/client';
import { withSql } from '../servers/sql-client';

/** Tablespace names by oid, over the SQL conninfo: the replication protocol gives only oids and paths. */
export async function readTablespaceNames(server: Server): Promise<Map<number, string>> {
  return withSql(server, async (client) => {
    const { rows } = await client.query<{ oid: number; spcname: string }>("SELECT oid::int AS oid, spcname FROM pg_tablespace WHERE spcname NOT IN ('pg_default', 'pg_global')");
    return new Map(rows.map((r) => [Number(r.oid), r.spcname]));
  });
}
