import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCatalog } from '../testing/catalog-fixture';
import * as enums from './generated/enums';

// The migrations are hand-written SQL (Prisma's migration engine is not available offline), so
// this proves they build exactly the catalog schema.prisma describes: every model's table, every
// field's column and no other, every enum's values, and every model readable through the client.

type RuntimeField = { name: string; kind: 'scalar' | 'enum' | 'object'; type: string; dbName?: string };
type RuntimeModel = { dbName: string | null; fields: RuntimeField[] };

let catalog: Awaited<ReturnType<typeof createTestCatalog>>;
let models: Record<string, RuntimeModel>;

beforeAll(async () => {
  catalog = await createTestCatalog();
  models = (catalog.db as unknown as { _runtimeDataModel: { models: Record<string, RuntimeModel> } })._runtimeDataModel.models;
});
afterAll(() => catalog.drop());

async function columnsOf(table: string): Promise<Map<string, string>> {
  const rows = await catalog.db.$queryRaw<{ column_name: string; udt_name: string }[]>`
    SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${table}`;
  return new Map(rows.map((r) => [r.column_name, r.udt_name]));
}

const pgTypeOf: Record<string, string[]> = {
  String: ['text', 'uuid', 'varchar'],
  Int: ['int4'],
  BigInt: ['int8'],
  Boolean: ['bool'],
  DateTime: ['timestamptz'],
  Json: ['jsonb'],
};

describe('schema.prisma and the migrations agree', () => {
  it('has a table per model with exactly the model’s columns and types', async () => {
    expect(Object.keys(models).length).toBeGreaterThan(10);
    for (const [name, model] of Object.entries(models)) {
      const table = model.dbName ?? name;
      const columns = await columnsOf(table);
      const fields = model.fields.filter((f) => f.kind !== 'object');
      expect(columns.size, `table ${table} for model ${name}`).toBeGreaterThan(0);
      expect([...columns.keys()].sort(), `columns of ${table}`).toEqual(fields.map((f) => f.dbName ?? f.name).sort());
      for (const field of fields) {
        const udt = columns.get(field.dbName ?? field.name);
        const expected = field.kind === 'enum' ? [field.type] : (pgTypeOf[field.type] ?? []);
        expect(expected, `${name}.${field.name} is ${udt}`).toContain(udt);
      }
    }
  });

  it('has every enum with the same values in the same order', async () => {
    for (const [name, values] of Object.entries(enums)) {
      const rows = await catalog.db.$queryRaw<{ enumlabel: string }[]>`
        SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = ${name} ORDER BY e.enumsortorder`;
      expect(rows.map((r) => r.enumlabel), `enum ${name}`).toEqual(Object.values(values));
    }
  });

  it('reads every model through the generated client', async () => {
    for (const name of Object.keys(models)) {
      const delegate = (catalog.db as unknown as Record<string, { findMany(args: object): Promise<unknown[]> }>)[name[0]!.toLowerCase() + name.slice(1)];
      await expect(delegate!.findMany({ take: 1 }), name).resolves.toEqual([]);
    }
  });

  it('writes and reads a server with its runs, reports and backups through the client', async () => {
    const server = await catalog.db.server.create({ data: { name: 'agree', conninfo: 'host=x', lastBackupMinimumSize: 10n } });
    const run = await catalog.db.run.create({ data: { kind: 'server.check', serverId: server.id, input: { a: 1 } } });
    await catalog.db.runLog.create({ data: { runId: run.id, level: 'info', message: 'hello' } });
    const report = await catalog.db.checkReport.create({ data: { serverId: server.id, runId: run.id, ok: true, durationMs: 5, results: { create: [{ position: 0, name: 'PostgreSQL', status: 'OK' }] } } });
    await catalog.db.backup.create({ data: { serverId: server.id, backupId: '20261128T000000', method: 'postgres', compression: 'zstd', size: 1n } });
    await catalog.db.walSegment.create({ data: { serverId: server.id, name: '000000010000000000000001', timeline: 1, segno: 1n, size: 16n, storedSize: 8n, codec: 'zstd', checksum: 'x', source: 'test' } });
    const back = await catalog.db.server.findUniqueOrThrow({ where: { id: server.id }, include: { runs: { include: { logs: true } }, checkReports: { include: { results: true } }, backups: true, walSegments: true } });
    expect(back.runs[0]?.logs[0]?.message).toBe('hello');
    expect(back.checkReports[0]?.id).toBe(report.id);
    expect(back.backups).toHaveLength(1);
    expect(back.walSegments[0]?.segno).toBe(1n);
  });
});
