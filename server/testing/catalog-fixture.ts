import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, type Db } from '../db/client';

export type TestCatalog = {
  /** postgresql:// URL of this test's own catalog database. */
  url: string;
  name: string;
  db: Db;
  /** Disconnects `db` and drops the database; safe to call twice. */
  drop(): Promise<void>;
};

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: inject('catalogAdminUrl') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, fully migrated catalog database (a copy of the template), private to the caller. */
export async function createTestCatalog(): Promise<TestCatalog> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE ${name} TEMPLATE ${inject('catalogTemplate')}`);
  const url = new URL(inject('catalogAdminUrl'));
  url.pathname = `/${name}`;
  const db = createDb(url.toString());
  let dropped = false;
  return {
    url: url.toString(),
    name,
    db,
    async drop() {
      if (dropped) return;
      dropped = true;
      await db.$disconnect();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

// Module state is per test file (Vitest isolates files), so this prefix is too.
let prefix: string | undefined;

/** The private Redis and a BullMQ key prefix that no other test file uses. */
export function testRedis(): { url: string; prefix: string } {
  prefix ??= `cellar-test-${randomBytes(4).toString('hex')}`;
  return { url: inject('redisUrl'), prefix };
}
