import { readdir } from 'node:fs/promises';
import type { Db } from '../db/client';
import type { Server } from '../db/generated/client';
import { probeCatalog } from '../checks/probe/probe-catalog';
import { toCheckResult } from '../checks/check-report-view';
import { findWalGaps } from '../wal/find-wal-gaps';
import { receiverView } from '../wal/receiver/receiver-view';
import { errorsDir } from '../wal/wal-layout';
import { watchedRunKinds } from './rules/run-rules';
import type { LatestRun, ServerFacts } from './types';

/**
 * Everything the server-scoped rules read, from the catalog and the server's errors directory.
 * Throws when a part cannot be read: the caller then leaves that server's alerts as they are
 * rather than resolving them on missing facts.
 */
export async function gatherServerFacts(db: Db, server: Server, root: string): Promise<ServerFacts> {
  const [catalog, gaps, oldest, errorFiles, latestRuns, failedVerifications, latestCheck, receiver] =
    await Promise.all([
      probeCatalog(db, server.id),
      findWalGaps(db, server.id),
      db.backup.findFirst({
        where: {
          serverId: server.id,
          status: 'DONE',
          beginWal: { not: null },
          OR: [{ keep: null }, { keep: { not: 'standalone' } }],
        },
        orderBy: { backupId: 'asc' },
        select: { beginWal: true },
      }),
      listErrorFiles(root, server.name),
      latestRunsOf(db, server.id),
      db.backup.findMany({
        where: { serverId: server.id, verifyStatus: 'failed' },
        orderBy: { backupId: 'asc' },
        select: { id: true, backupId: true, verifiedAt: true },
      }),
      db.checkReport.findFirst({
        where: { serverId: server.id },
        orderBy: [{ checkedAt: 'desc' }, { id: 'desc' }],
        include: { results: true },
      }),
      db.walReceiver.findUnique({ where: { serverId: server.id } }),
    ]);
  if (!catalog.ok) throw new Error(catalog.error);
  return {
    server,
    catalog: catalog.value,
    gaps,
    oldestBeginWal: oldest?.beginWal ?? null,
    errorFiles,
    latestRuns,
    failedVerifications: failedVerifications.map((b) => ({
      backupUuid: b.id,
      backupId: b.backupId,
      verifiedAt: b.verifiedAt,
    })),
    latestCheck: latestCheck
      ? {
          checkedAt: latestCheck.checkedAt,
          results: [...latestCheck.results].sort((a, b) => a.position - b.position).map(toCheckResult),
        }
      : null,
    receiver: receiverView(server, receiver),
  };
}

async function listErrorFiles(root: string, serverName: string): Promise<string[]> {
  try {
    return (await readdir(errorsDir(root, serverName))).filter((name) => !name.startsWith('.')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** A cancelled run says nothing about whether the job works; only successes and failures count. */
async function latestRunsOf(db: Db, serverId: string): Promise<LatestRun[]> {
  const rows = await db.$queryRaw<
    { id: string; kind: string; status: 'succeeded' | 'failed'; error: string | null; finished_at: Date }[]
  >`
    SELECT DISTINCT ON (kind) id::text, kind, status::text AS status, error, finished_at
      FROM runs
     WHERE server_id = ${serverId}::uuid AND kind = ANY(${[...watchedRunKinds]}::text[])
       AND status IN ('succeeded', 'failed') AND finished_at IS NOT NULL
     ORDER BY kind, finished_at DESC, queued_at DESC`;
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    error: r.error,
    finishedAt: r.finished_at,
  }));
}
