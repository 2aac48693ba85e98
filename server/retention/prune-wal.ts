import { readdir, rmdir, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Ctx } from '../context';
import { archivedPartialSuffix, walsDir } from '../wal/wal-layout';
import { walFilesToRemove, type WalFileRef, type WalRemovalPlan } from './wal-removal';

// Removes the WAL a plan lets go, from the catalog and from the archive. The catalog rows go
// first, then the files, both oldest first: a kill between the two leaves files without rows
// (never a row without its file, which get-wal would serve as damage), and the files are found
// again on disk by the next pass, which is why candidates come from the disk as well as the
// catalog. Only files below the plan's bound are ever looked at.

const codecSuffixes = ['.zst', '.lz4', '.gz'];

export type PruneCandidate = WalFileRef & { rowSize: bigint | null; paths: string[] };
export type PruneResult = { files: number; bytes: number; first: string | null; last: string | null };

export async function pruneWal({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { serverId: string; serverName: string; root: string; plan: WalRemovalPlan };
}): Promise<PruneResult> {
  const { plan } = input;
  if (!plan.remove) return { files: 0, bytes: 0, first: null, last: null };
  const candidates = await collectCandidates(
    ctx,
    input.serverId,
    walsDir(input.root, input.serverName),
    plan.keepFrom,
  );
  const doomed = walFilesToRemove(plan, [...candidates.values()]);
  if (!doomed.length) return { files: 0, bytes: 0, first: null, last: null };
  for (let i = 0; i < doomed.length; i += 1000) {
    const names = doomed.slice(i, i + 1000).map((f) => f.name);
    await ctx.db.walSegment.deleteMany({ where: { serverId: input.serverId, name: { in: names } } });
  }
  let bytes = 0;
  const touched = new Set<string>();
  for (const file of doomed) {
    for (const full of file.paths) {
      bytes += await stat(full).then(
        (s) => s.size,
        () => 0,
      );
      await unlink(full).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      touched.add(path.dirname(full));
    }
    if (!file.paths.length) bytes += Number(file.rowSize ?? 0n);
  }
  // Barman removes a hash directory once every file in it is gone.
  for (const dir of touched) await rmdir(dir).catch(() => undefined);
  return { files: doomed.length, bytes, first: doomed[0]?.name ?? null, last: doomed.at(-1)?.name ?? null };
}

/** Catalog rows and files on disk named below `keepFrom`, by WAL name. */
async function collectCandidates(
  ctx: Ctx,
  serverId: string,
  dir: string,
  keepFrom: string,
): Promise<Map<string, PruneCandidate>> {
  const found = new Map<string, PruneCandidate>();
  const rows = await ctx.db.walSegment.findMany({
    where: { serverId, name: { lt: keepFrom }, kind: { not: 'history' } },
    select: { name: true, kind: true, timeline: true, storedSize: true },
  });
  for (const r of rows)
    found.set(r.name, { name: r.name, kind: r.kind, timeline: r.timeline, rowSize: r.storedSize, paths: [] });
  for (const hashDir of await readdir(dir).catch(() => [] as string[])) {
    // Hash directories are the first 16 hex digits of the names inside them.
    if (!/^[0-9A-F]{16}$/.test(hashDir) || hashDir > keepFrom.slice(0, 16)) continue;
    for (const entry of await readdir(path.join(dir, hashDir)).catch(() => [] as string[])) {
      const name = stripCodec(entry);
      const file = parseQuietly(name);
      if (!file || name >= keepFrom) continue;
      const known = found.get(name) ?? {
        name,
        kind: file.kind,
        timeline: file.timeline,
        rowSize: null,
        paths: [],
      };
      known.paths.push(path.join(dir, hashDir, entry));
      found.set(name, known);
    }
  }
  return found;
}

/** The WAL name a stored file holds: without its codec suffix, and an archived .partial without its marker. */
function stripCodec(entry: string): string {
  const suffix = codecSuffixes.find((s) => entry.endsWith(s));
  const stem = suffix ? entry.slice(0, -suffix.length) : entry;
  return stem.endsWith(`.partial${archivedPartialSuffix}`)
    ? stem.slice(0, -archivedPartialSuffix.length)
    : stem;
}

/** Segments, backup history and archived partial files by their names alone (any segment size); anything else is never touched. */
function parseQuietly(name: string): WalFileRef | null {
  const kind = /^[0-9A-F]{24}$/.test(name)
    ? 'segment'
    : /^[0-9A-F]{24}\.[0-9A-F]{8}\.backup$/.test(name)
      ? 'backup_history'
      : /^[0-9A-F]{24}\.partial$/.test(name)
        ? 'partial'
        : null;
  const timeline = Number.parseInt(name.slice(0, 8), 16);
  return kind && timeline > 0 ? { name, kind, timeline } : null;
}
