import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupProtocolMajors, missingMajorReason, supportedMajors } from '../local/postgres-binaries';
import { extractBackup } from '../recovery/extract-backup';
import { useBackupFixture } from '../testing/backup-fixture';
import { startPostgres } from '../testing/postgres-server';
import { sourceRows, startSourceCluster, type SourceCluster } from '../testing/source-cluster';
import { backupPaths } from './backup-layout';

// PostgreSQL 13 and 14 send BASE_BACKUP in their older wire format (one CopyOut per archive,
// no tar end markers): the same engine must produce a backup that restores with every row.

const run = promisify(execFile);
const olderMajors = backupProtocolMajors.filter((m) => !supportedMajors.includes(m));

describe.each(olderMajors)('a backup of PostgreSQL %i', (major) => {
  const missing = missingMajorReason(major);
  const fx = useBackupFixture();
  let source: SourceCluster;
  let scratch: string;
  beforeAll(async () => {
    if (missing) return;
    source = await startSourceCluster(major);
    scratch = await mkdtemp(path.join(os.tmpdir(), 'cellar-restore-old-'));
    await chmod(scratch, 0o755);
  });
  afterAll(async () => {
    await source?.destroy();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it.skipIf(missing)('restores with its tablespace and every row', async () => {
    const server = await fx.addServer(source.server);
    const done = await fx.backup(server.name, { compression: 'lz4' });
    const backup = await fx.ctx.db.backup.findFirstOrThrow({ where: { serverId: server.id } });
    expect(backup).toMatchObject({ status: 'DONE', compression: 'lz4', timeline: 1 });
    expect(Math.floor((backup.pgVersion ?? 0) / 10_000)).toBe(major);
    expect(done.progressTotal).toBeGreaterThan(0n);
    const dest = path.join(scratch, 'data');
    const tablespaceOid = (backup.tablespaces as { oid: number }[])[0]?.oid ?? 0;
    await extractBackup({ backupDir: backupPaths(fx.root, server.name, backup.backupId).dir, dest, tablespaceMap: new Map([[tablespaceOid, path.join(scratch, 'tblspc')]]) });
    const user = source.server.osUser;
    if (user.dropsPrivileges) await run('chown', ['-R', `${user.uid}:${user.gid}`, scratch]);
    const restored = await startPostgres({ major, dataDir: dest });
    try {
      expect(await source.rowCounts(restored)).toEqual(sourceRows);
    } finally {
      await restored.destroy();
    }
  });
});
