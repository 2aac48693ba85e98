import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/client';
import { readDecompressed } from '../repository/read-decompressed';
import { parseWalFileName } from '../wal/wal-file-name';
import { storedWalPath } from '../wal/wal-layout';

// Test support: every segment of a server's WAL archive, decompressed, against the file of the
// same name in a PostgreSQL data directory's pg_wal (the server's own copy is the oracle).

export type ArchiveComparison = { compared: string[]; different: string[]; notOnServer: string[] };

export async function compareArchiveWithPgWal(db: Db, root: string, server: { id: string; name: string }, pgWalDir: string, timeline?: number): Promise<ArchiveComparison> {
  const rows = await db.walSegment.findMany({ where: { serverId: server.id, kind: 'segment', timeline }, orderBy: [{ timeline: 'asc' }, { segno: 'asc' }] });
  const result: ArchiveComparison = { compared: [], different: [], notOnServer: [] };
  for (const row of rows) {
    const onServer = await readFile(path.join(pgWalDir, row.name)).catch(() => null);
    if (!onServer) {
      result.notOnServer.push(row.name);
      continue;
    }
    const archived = await readDecompressed(storedWalPath(root, server.name, parseWalFileName(row.name), row.codec), row.codec);
    result.compared.push(row.name);
    if (!archived.equals(onServer)) result.different.push(row.name);
  }
  return result;
}
