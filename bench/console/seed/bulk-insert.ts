import type pg from 'pg';

// Many rows per statement: each column travels as one array parameter and unnest() turns the
// arrays back into rows, so 5,000 rows cost one round trip and one parse, not 5,000.

export type Column = {
  name: string;
  /** The element type of the array parameter: uuid, text, int4, int8, float8, bool, timestamptz. */
  type: 'uuid' | 'text' | 'int4' | 'int8' | 'float8' | 'bool' | 'timestamptz';
  /** A cast applied after unnest, for enums and jsonb (sent as text). */
  cast?: string;
};

export type Cell = string | number | bigint | boolean | Date | null;

const batchSize = 5_000;

function toParam(value: Cell): string | number | boolean | null {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  return value;
}

export async function insertRows(client: pg.Client, table: string, columns: readonly Column[], rows: readonly (readonly Cell[])[]): Promise<number> {
  const names = columns.map((c) => `"${c.name}"`).join(', ');
  const aliases = columns.map((_, i) => `c${i}`);
  const select = columns.map((c, i) => (c.cast ? `u.c${i}::${c.cast}` : `u.c${i}`)).join(', ');
  const arrays = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${select} FROM unnest(${arrays}) AS u(${aliases.join(', ')})`;
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    const params = columns.map((_, i) => batch.map((row) => toParam(row[i] ?? null)));
    await client.query(sql, params);
  }
  return rows.length;
}
