import path from 'node:path';
import type { Db } from '../db/client';
import type { Codec } from '../repository/codecs';
import { backupPaths, storedFilePath } from './backup-layout';
import { readBackupRecord } from './backup-record';
import type { ReuseCandidate } from './link-unchanged-files';

// reuse_backup = link: the previous backup's files, by cluster path, so that an unchanged file
// (same size and SHA-256) is hard-linked instead of stored again. Only a backup with the same
// codec qualifies: the stored bytes must be what this backup would have written.

export type ReuseSource = { backupId: string; lookup: (clusterPath: string) => ReuseCandidate | undefined };

export async function findReuseSource(db: Db, root: string, server: { id: string; name: string }, codec: Codec): Promise<ReuseSource | null> {
  const previous = await db.backup.findFirst({
    where: { serverId: server.id, status: { in: ['DONE', 'WAITING_FOR_WALS'] }, compression: codec, deletingAt: null },
    orderBy: { backupId: 'desc' },
    select: { backupId: true },
  });
  if (!previous) return null;
  const dir = backupPaths(root, server.name, previous.backupId).dir;
  // A previous backup that cannot be read is no reason to fail this one: it is simply not reused.
  const record = await readBackupRecord(dir).catch(() => null);
  if (!record) return null;
  const files = new Map(record.files.map((f) => [f.path, f]));
  return {
    backupId: previous.backupId,
    lookup(clusterPath) {
      const file = files.get(clusterPath);
      if (!file?.sha256) return undefined;
      return { size: file.size, sha256: file.sha256, storedSize: file.storedSize, storedPath: path.join(dir, storedFilePath(clusterPath, codec)) };
    },
  };
}
