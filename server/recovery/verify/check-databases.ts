import type { ScratchPostgres } from './scratch-postgres';

// "Every database answers": connect to each database that allows connections, read its catalog,
// and with amcheck (the extension pg_amcheck drives) check every table's heap and every B-tree
// index; without amcheck, read every table in full so damaged pages (checksums) surface.

export type DatabaseCheck = { database: string; ok: boolean; relations: number; detail: string | null };

export async function checkDatabases(pg: ScratchPostgres, useAmcheck: boolean, signal: AbortSignal): Promise<DatabaseCheck[]> {
  const databases = await pg.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datallowconn ORDER BY datname');
  const results: DatabaseCheck[] = [];
  for (const { datname } of databases) {
    if (signal.aborted) throw signal.reason;
    results.push(await checkOne(pg, datname, useAmcheck).catch((error: unknown) => ({ database: datname, ok: false, relations: 0, detail: (error as Error).message })));
  }
  return results;
}

async function checkOne(pg: ScratchPostgres, db: string, useAmcheck: boolean): Promise<DatabaseCheck> {
  const tables = await pg.query<{ oid: string; name: string }>(
    "SELECT c.oid::text AS oid, format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r','m','t') AND c.relpersistence <> 't' ORDER BY 1",
    [],
    db,
  );
  const amcheck = useAmcheck && (await pg.query("SELECT 1 FROM pg_available_extensions WHERE name = 'amcheck'", [], db)).length > 0;
  if (!amcheck) {
    for (const t of tables) await pg.query(`SELECT count(*) FROM ${t.name}`, [], db);
    return { database: db, ok: true, relations: tables.length, detail: 'read every table (amcheck is not available)' };
  }
  await pg.query('CREATE EXTENSION IF NOT EXISTS amcheck', [], db);
  // One table at a time: a damaged page raises an error rather than a row, and it should name its table.
  const corrupt: string[] = [];
  for (const t of tables) {
    const rows = await pg
      .query<{ blkno: string; msg: string }>('SELECT blkno::text, msg FROM verify_heapam($1::oid::regclass, on_error_stop => false) LIMIT 5', [t.oid], db)
      .catch((error: unknown) => [{ blkno: '?', msg: (error as Error).message }]);
    corrupt.push(...rows.map((r) => `${t.name} block ${r.blkno}: ${r.msg}`));
  }
  const indexes = await pg.query<{ oid: string }>("SELECT c.oid::text FROM pg_class c JOIN pg_am a ON a.oid = c.relam WHERE c.relkind = 'i' AND a.amname = 'btree' AND c.relpersistence <> 't'", [], db);
  const indexProblems: string[] = [];
  for (const index of indexes) {
    await pg.query('SELECT bt_index_check($1::oid::regclass, true)', [index.oid], db).catch((error: unknown) => indexProblems.push((error as Error).message));
  }
  const problems = [...corrupt, ...indexProblems];
  return { database: db, ok: problems.length === 0, relations: tables.length + indexes.length, detail: problems.length ? problems.slice(0, 5).join('; ') : null };
}
