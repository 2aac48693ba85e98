import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startPostgres, type PostgresServer } from './postgres-server';
import type { PgMajor } from '../local/postgres-binaries';
import { chownTo } from '../local/unprivileged-user';

// A PostgreSQL server to back up, with data where a backup can miss it: two databases and a
// user tablespace. `rowCounts()` on the original and on a restored copy must agree.

export const sourceRows = { items: 10_000, orders: 5_000, spaced: 3_000 } as const;

export type SourceCluster = {
  server: PostgresServer;
  tablespaceDir: string;
  rowCounts(target?: PostgresServer): Promise<Record<keyof typeof sourceRows, number>>;
  destroy(): Promise<void>;
};


export async function startSourceCluster(major: PgMajor): Promise<SourceCluster> {
  const server = await startPostgres({ major });
  const tablespaceDir = await mkdtemp(path.join(os.tmpdir(), 'cellar-tblspc-'));
  await chownTo(server.osUser, tablespaceDir);
  await server.query(`CREATE TABLESPACE extra LOCATION '${tablespaceDir}'`);
  await server.query('CREATE TABLE items AS SELECT g AS id, md5(g::text) AS v FROM generate_series(1, $1::int) g', [sourceRows.items]);
  await server.query('CREATE DATABASE shop');
  await server.query('CREATE TABLE orders AS SELECT g AS id, g * 3 AS amount FROM generate_series(1, $1::int) g', [sourceRows.orders], 'shop');
  await server.query('CREATE TABLE spaced TABLESPACE extra AS SELECT g AS id, repeat(md5(g::text), 4) AS v FROM generate_series(1, $1::int) g', [sourceRows.spaced], 'shop');
  const count = async (target: PostgresServer, table: string, db?: string) =>
    Number((await target.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`, [], db)).rows[0]?.n);
  return {
    server,
    tablespaceDir,
    rowCounts: async (target = server) => ({
      items: await count(target, 'items'),
      orders: await count(target, 'orders', 'shop'),
      spaced: await count(target, 'spaced', 'shop'),
    }),
    async destroy() {
      await server.destroy();
      await rm(tablespaceDir, { recursive: true, force: true });
    },
  };
}
