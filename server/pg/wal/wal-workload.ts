import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { PostgresServer } from '../../testing/postgres-server';
import { parseLsn, type Lsn } from '../lsn';
import { parseWalSegmentName } from '../wal-name';
import { isoToPgMicros } from './pg-time';

// A workload with known WAL content for the integration tests: commits and aborts (plain and
// prepared) whose xids and commit timestamps the test learns from the server, named restore
// points, records that cross pages (a commit with thousands of subtransactions, full-page
// images) and segments (a 40 MB logical message), and a WAL switch.

export type KnownXact = {
  kind: 'commit' | 'abort' | 'commit-prepared' | 'abort-prepared';
  xid: number;
  time?: bigint;
  after?: bigint;
  before?: bigint;
};
export type KnownRestorePoint = { name: string; endLsn: Lsn };
export type Workload = {
  xacts: KnownXact[];
  restorePoints: KnownRestorePoint[];
  switchEnd: Lsn;
  bigMessageEnd: Lsn;
};

// Text in UTC with all six fractional digits: exact, where a float epoch would round.
const usText = (expr: string) => `to_char((${expr}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

export async function runWorkload(server: PostgresServer): Promise<Workload> {
  const client = new pg.Client({ connectionString: server.url() });
  await client.connect();
  try {
    return await workload(client);
  } finally {
    await client.end();
  }
}

async function workload(client: pg.Client): Promise<Workload> {
  const one = async <R extends pg.QueryResultRow>(sql: string, params?: unknown[]) =>
    (await client.query<R>(sql, params)).rows[0]!;
  const xacts: KnownXact[] = [];
  const restorePoints: KnownRestorePoint[] = [];
  await client.query('CREATE TABLE t (id int, v text)');
  const point = async (name: string) => {
    const row = await one<{ lsn: string }>('SELECT pg_create_restore_point($1)::text AS lsn', [name]);
    restorePoints.push({ name, endLsn: parseLsn(row.lsn) });
  };
  const xidOf = async () => Number((await one<{ xid: string }>('SELECT txid_current()::text AS xid')).xid);
  const commitTime = async (xid: number) =>
    isoToPgMicros(
      (
        await one<{ ts: string }>(`SELECT ${usText('pg_xact_commit_timestamp($1::text::xid)')} AS ts`, [
          String(xid),
        ])
      ).ts,
    );
  const clock = async () =>
    isoToPgMicros((await one<{ ts: string }>(`SELECT ${usText('clock_timestamp()')} AS ts`)).ts);

  for (let i = 0; i < 5; i++) {
    await client.query('BEGIN');
    const xid = await xidOf();
    await client.query("INSERT INTO t VALUES ($1, 'committed')", [i]);
    await client.query('COMMIT');
    xacts.push({ kind: 'commit', xid, time: await commitTime(xid) });
    await client.query('BEGIN');
    const rolledBack = await xidOf();
    const after = isoToPgMicros((await one<{ ts: string }>(`SELECT ${usText('now()')} AS ts`)).ts);
    await client.query("INSERT INTO t VALUES ($1, 'rolled back')", [i]);
    await client.query('ROLLBACK');
    xacts.push({ kind: 'abort', xid: rolledBack, after, before: await clock() });
    await point(`point-${i}`);
  }
  // A rolled-back savepoint whose subtransaction had an xid writes an ABORT record of its own,
  // with the subtransaction's xid in xl_xid (compared with pg_waldump on 15).
  await client.query('BEGIN');
  await client.query("INSERT INTO t VALUES (50, 'outer')");
  await client.query('SAVEPOINT inner_work');
  await client.query("INSERT INTO t VALUES (51, 'inner')");
  await client.query('ROLLBACK TO SAVEPOINT inner_work');
  await client.query('COMMIT');
  for (const [gid, finish] of [
    ['p-commit', 'COMMIT PREPARED'],
    ['p-abort', 'ROLLBACK PREPARED'],
  ] as const) {
    await client.query('BEGIN');
    const xid = await xidOf();
    await client.query("INSERT INTO t VALUES (100, 'prepared')");
    await client.query(`PREPARE TRANSACTION '${gid}'`);
    const after = await clock();
    await client.query(`${finish} '${gid}'`);
    if (finish === 'COMMIT PREPARED')
      xacts.push({ kind: 'commit-prepared', xid, time: await commitTime(xid) });
    else xacts.push({ kind: 'abort-prepared', xid, after, before: await clock() });
  }
  // Thousands of subtransactions make a commit record of ~12 kB: it crosses pages.
  await client.query('BEGIN');
  const parent = await xidOf();
  await client.query(
    "DO $$ BEGIN FOR i IN 1..3000 LOOP BEGIN INSERT INTO t VALUES (i, 'sub'); EXCEPTION WHEN others THEN NULL; END; END LOOP; END $$",
  );
  await client.query('COMMIT');
  xacts.push({ kind: 'commit', xid: parent, time: await commitTime(parent) });
  // After a checkpoint, the first change to each page logs a full-page image (8 kB, crossing pages).
  await client.query('CHECKPOINT');
  await client.query('BEGIN');
  const updater = await xidOf();
  await client.query("UPDATE t SET v = v || '!'");
  await client.query('COMMIT');
  xacts.push({ kind: 'commit', xid: updater, time: await commitTime(updater) });
  // One 40 MB record: it starts in one segment, fills the next entirely and ends in a third.
  const big = await one<{ lsn: string }>(
    "SELECT pg_logical_emit_message(false, 'cellar', repeat('w', 40000000))::text AS lsn",
  );
  await point('after-big-message');
  const switched = await one<{ lsn: string }>('SELECT pg_switch_wal()::text AS lsn');
  await point('after-switch');
  return { xacts, restorePoints, switchEnd: parseLsn(switched.lsn), bigMessageEnd: parseLsn(big.lsn) };
}

/** The segments in pg_wal (timeline 1), in order, with their numbers. */
export async function walSegments(
  server: PostgresServer,
): Promise<{ name: string; segno: bigint; bytes: Buffer }[]> {
  const dir = path.join(server.dataDir, 'pg_wal');
  const names = (await readdir(dir)).filter((name) => /^00000001[0-9A-F]{16}$/.test(name)).sort();
  return Promise.all(
    names.map(async (name) => ({
      name,
      segno: parseWalSegmentName(name).segno,
      bytes: await readFile(path.join(dir, name)),
    })),
  );
}
