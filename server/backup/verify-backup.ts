import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Ctx } from '../context';
import { walSegmentNamesForRange } from '../pg/wal-name';
import { parseLsn } from '../pg/lsn';
import { parseBackupManifest } from '../repository/backup-manifest';
import { codecSuffix, decompressStream, type Codec } from '../repository/codecs';
import type { RunHandle } from '../runs/run-handle';
import { backupPaths } from './backup-layout';
import { readBackupRecord, type BackupRecord } from './backup-record';
import { compareWithManifest, describeComparison, isClean, type ManifestComparison, type ObservedFile } from './compare-with-manifest';

// backup.verify: every stored file is read back, decompressed and hashed, and compared with the
// server's backup_manifest — what pg_verifybackup does, on Cellar's compressed layout. WAL is
// not in the manifest: a standalone backup must hold every segment from begin_wal to end_wal.

export type VerifyReport = ManifestComparison & { ok: boolean; files: number; bytes: number; missingWal: string[]; summary: string };

export class BackupVerificationError extends Error {
  override name = 'BackupVerificationError';
}

export async function verifyBackup({ ctx, input, handle }: { ctx: Ctx; input: { backupUuid: string; root: string }; handle: RunHandle }): Promise<VerifyReport> {
  const backup = await ctx.db.backup.findUniqueOrThrow({ where: { id: input.backupUuid }, include: { server: { select: { name: true } } } });
  const dir = backupPaths(input.root, backup.server.name, backup.backupId).dir;
  await handle.phase('reading');
  const [record, manifest] = await Promise.all([readBackupRecord(dir), readFile(path.join(dir, 'backup_manifest')).then(parseBackupManifest)]);
  const total = record.files.reduce((sum, f) => sum + f.size, 0);
  let done = 0;
  const observed = new Map<string, ObservedFile>();
  const unreadable = new Map<string, string>();
  for (const stored of await listStoredFiles(dir, record.compression)) {
    handle.throwIfCancelled();
    try {
      const file = await readStoredFile(stored.file, record.compression);
      observed.set(stored.clusterPath, file);
      done += file.size;
    } catch (error) {
      // A corrupt frame is a finding about the backup, not a failure of the verification.
      observed.set(stored.clusterPath, { size: -1, sha256: '' });
      unreadable.set(stored.clusterPath, error instanceof Error ? error.message : String(error));
    }
    handle.progress(done, total, stored.clusterPath);
  }
  const compared = compareWithManifest(manifest, observed);
  const comparison = {
    ...compared,
    changed: compared.changed.map((c) => (unreadable.has(c.path) ? { path: c.path, problem: `it cannot be read back (${unreadable.get(c.path)})` } : c)),
  };
  const missingWal = record.standalone ? expectedWal(record).filter((name) => observed.get(`pg_wal/${name}`)?.size !== record.walSegmentSize) : [];
  const ok = isClean(comparison) && missingWal.length === 0;
  const summary = ok
    ? `Backup ${record.backupId} verified: ${observed.size} files match the manifest${record.standalone ? ' and its WAL is complete' : ''}.`
    : [isClean(comparison) ? null : describeComparison(comparison), missingWal.length ? `WAL segments missing or short: ${missingWal.join(', ')}.` : null].filter(Boolean).join(' ');
  await ctx.db.backup.update({ where: { id: backup.id }, data: { verifiedAt: new Date(), verifyStatus: ok ? 'ok' : 'failed' } });
  const report = { ...comparison, ok, files: observed.size, bytes: done, missingWal, summary };
  await handle.log(ok ? 'info' : 'error', summary);
  if (!ok) throw new BackupVerificationError(`Backup ${record.backupId} failed verification. ${summary}`);
  return report;
}

function expectedWal(record: BackupRecord): string[] {
  return [...walSegmentNamesForRange(record.timeline, parseLsn(record.beginLsn), parseLsn(record.endLsn), record.walSegmentSize)];
}

type StoredEntry = { file: string; clusterPath: string };

/** Every stored file under data/ and tablespaces/<oid>/, with the cluster path it restores to. */
async function listStoredFiles(dir: string, codec: Codec): Promise<StoredEntry[]> {
  const suffix = codecSuffix(codec);
  const out: StoredEntry[] = [];
  const walk = async (relative: string, toCluster: (p: string) => string): Promise<void> => {
    const entries = await readdir(path.join(dir, relative), { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    for (const entry of entries) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory()) await walk(child, toCluster);
      else {
        // A file without the codec's suffix cannot be one Cellar stored: it shows up as extra.
        const name = suffix && child.endsWith(suffix) ? child.slice(0, -suffix.length) : `${child}${suffix ? ' (not compressed)' : ''}`;
        out.push({ file: path.join(dir, child), clusterPath: toCluster(name) });
      }
    }
  };
  await walk('data', (p) => p.slice('data/'.length));
  await walk('tablespaces', (p) => `pg_tblspc/${p.slice('tablespaces/'.length)}`);
  return out;
}

async function readStoredFile(file: string, codec: Codec): Promise<ObservedFile> {
  const hash = createHash('sha256');
  let size = 0;
  await pipeline(createReadStream(file), decompressStream(codec), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      hash.update(chunk);
      size += chunk.length;
    }
  });
  return { size, sha256: hash.digest('hex') };
}
