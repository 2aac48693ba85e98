import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Ctx } from '../context';
import type { Compression } from '../db/generated/enums';
import type { RunHandle } from '../runs/run-handle';
import { readDecompressed } from '../repository/read-decompressed';
import { parseWalFileName, type WalFileName } from './wal-file-name';
import { archivedPartialSuffix, walsDir } from './wal-layout';
import { walSegmentRow } from './wal-segment-row';

// Barman's rebuild-xlogdb: the WAL catalog of a server made anew from the files in its wals/
// directory (the repository is self-describing). Every file is read back and hashed, so a row
// exists only for a file that decompresses; rows whose file is gone are removed.

const suffixes: [string, Compression][] = [
  ['.zst', 'zstd'],
  ['.lz4', 'lz4'],
  ['.gz', 'gzip'],
];

export type RebuildResult = { files: number; added: number; removed: number; unreadable: string[] };

export async function rebuildWalCatalog({
  ctx,
  input,
  handle,
}: {
  ctx: Ctx;
  input: { serverId: string; root: string };
  handle?: RunHandle;
}): Promise<RebuildResult> {
  const server = await ctx.db.server.findUniqueOrThrow({ where: { id: input.serverId } });
  const found = await listArchive(walsDir(input.root, server.name));
  const known = new Map(
    (
      await ctx.db.walSegment.findMany({
        where: { serverId: server.id },
        select: { name: true, checksum: true },
      })
    ).map((r) => [r.name, r.checksum]),
  );
  const result: RebuildResult = { files: found.length, added: 0, removed: 0, unreadable: [] };
  for (const [i, entry] of found.entries()) {
    handle?.progress(i, found.length, entry.file.name);
    if (known.has(entry.file.name)) continue;
    let content: Buffer;
    try {
      content = await readDecompressed(entry.path, entry.codec);
    } catch (error) {
      result.unreadable.push(`${entry.file.name}: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    // A segment's size is its own; a partial one's cannot be told from its length.
    const segmentSize = entry.file.kind === 'segment' ? content.length : entry.file.segmentSize;
    const file =
      entry.file.kind === 'segment' && segmentSize !== entry.file.segmentSize
        ? parseWalFileName(entry.file.name, segmentSize)
        : entry.file;
    await ctx.db.walSegment.create({
      data: walSegmentRow(server.id, file, {
        size: content.length,
        storedSize: entry.storedSize,
        codec: entry.codec,
        checksum: createHash('sha256').update(content).digest('hex'),
        source: 'rebuild',
      }),
    });
    result.added++;
  }
  const present = new Set(found.map((f) => f.file.name));
  const gone = [...known.keys()].filter((name) => !present.has(name));
  if (gone.length)
    result.removed = (
      await ctx.db.walSegment.deleteMany({ where: { serverId: server.id, name: { in: gone } } })
    ).count;
  return result;
}

type ArchiveEntry = { path: string; file: WalFileName; codec: Compression; storedSize: number };

async function listArchive(dir: string): Promise<ArchiveEntry[]> {
  const entries: ArchiveEntry[] = [];
  const visit = async (current: string) => {
    for (const entry of await readdir(current, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) await visit(full);
      else if (entry.isFile() && !entry.name.startsWith('.')) {
        const [suffix, codec] = suffixes.find(([s]) => entry.name.endsWith(s)) ?? ['', 'none' as const];
        const stem = entry.name.slice(0, entry.name.length - suffix.length);
        // An archived .partial carries a marker; a bare <segment>.partial is a streaming
        // receiver's unfinished segment, which is not part of the archive.
        const name = stem.endsWith(`.partial${archivedPartialSuffix}`)
          ? stem.slice(0, -archivedPartialSuffix.length)
          : stem;
        if (name.endsWith('.partial') && name === stem) continue;
        let file: WalFileName;
        try {
          file = parseWalFileName(name);
        } catch {
          continue; // not a WAL file: left alone, not catalogued
        }
        const { size } = await stat(full);
        entries.push({ path: full, file, codec, storedSize: size });
      }
    }
  };
  await visit(dir);
  return entries.sort((a, b) => (a.file.name < b.file.name ? -1 : 1));
}
