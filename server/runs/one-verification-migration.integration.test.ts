import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../db/migrate';
import { createTestCatalog, type TestCatalog } from '../testing/catalog-fixture';

// The migration that makes restore verifications one per server at a time, on a catalog from
// before it that holds several active ones: the oldest stays, the others are cancelled saying
// why, and from then on the catalog refuses a second active one.

const migration = '20261206600000_one_verification_per_server';
let catalog: TestCatalog;

beforeAll(async () => {
  catalog = await createTestCatalog();
});
afterAll(() => catalog.drop());

async function sql(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: catalog.url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

describe(migration, () => {
  it('keeps the oldest active verification of each server and cancels the others', async () => {
    // Back to the catalog as it was before this migration.
    await sql(`DROP INDEX "runs_one_active_verify_per_server"; DELETE FROM "_prisma_migrations" WHERE migration_name = '${migration}'`);
    const { db } = catalog;
    const [a, b] = await Promise.all(['a', 'b'].map((name) => db.server.create({ data: { name, conninfo: 'host=x' } })));
    const at = (seconds: number) => new Date(Date.UTC(2026, 11, 6, 10, 0, seconds));
    const verify = (serverId: string, status: 'queued' | 'running' | 'succeeded', seconds: number) =>
      db.run.create({ data: { kind: 'restore.verify', serverId, status, queuedAt: at(seconds) } });
    const oldest = await verify(a!.id, 'running', 1);
    const newer = await verify(a!.id, 'queued', 2);
    const newest = await verify(a!.id, 'queued', 3);
    const finished = await verify(a!.id, 'succeeded', 0);
    const otherServer = await verify(b!.id, 'queued', 4);
    const backup = await db.run.create({ data: { kind: 'backup.run', serverId: a!.id, status: 'queued' } });

    expect(await applyMigrations(catalog.url)).toEqual([migration]);

    const status = async (id: string) => db.run.findUniqueOrThrow({ where: { id }, select: { status: true, error: true, finishedAt: true } });
    expect(await status(oldest.id)).toMatchObject({ status: 'running', error: null });
    for (const id of [newer.id, newest.id])
      expect(await status(id)).toMatchObject({ status: 'cancelled', error: expect.stringMatching(/one restore verification per server/) as unknown, finishedAt: expect.any(Date) as unknown });
    for (const id of [finished.id, otherServer.id, backup.id]) expect((await status(id)).error).toBeNull();
    await expect(verify(b!.id, 'queued', 5)).rejects.toMatchObject({ code: 'P2002' });
  });
});
