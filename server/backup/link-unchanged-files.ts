import { link, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Codec } from '../repository/codecs';
import { fsyncDirectory } from '../repository/atomic-write';
import type { BackupManifest } from '../repository/backup-manifest';
import { storedFilePath } from './backup-layout';
import type { StoredFile } from './stored-file-writer';

// reuse_backup = link, decided once the server's manifest is in: a file whose size and SHA-256
// equal those of the same path in the previous backup (same codec) is replaced by a hard link
// to that backup's copy. The checksums are the server's, computed as it read each file, so no
// byte needs hashing here; the new copy was already written and is simply dropped.

export type ReuseCandidate = { size: number; sha256: string; storedPath: string; storedSize: number };

/** The written files with their checksums from the manifest (null where it lists none). */
export function withManifestChecksums(files: readonly StoredFile[], manifest: BackupManifest): StoredFile[] {
  const checksums = new Map(manifest.files.map((f) => [f.path, f.checksumAlgorithm === 'SHA256' ? (f.checksum ?? null) : null]));
  return files.map((f) => ({ ...f, sha256: checksums.get(f.path) ?? null }));
}

export async function linkUnchangedFiles(dir: string, codec: Codec, files: readonly StoredFile[], lookup: (clusterPath: string) => ReuseCandidate | undefined): Promise<StoredFile[]> {
  const touched = new Set<string>();
  const result: StoredFile[] = [];
  for (const file of files) {
    const candidate = file.sha256 === null ? undefined : lookup(file.path);
    if (!candidate || candidate.size !== file.size || candidate.sha256 !== file.sha256) {
      result.push(file);
      continue;
    }
    const target = path.join(dir, storedFilePath(file.path, codec));
    // Link beside, then rename over: the file is never missing, whatever happens in between.
    const beside = `${target}.link`;
    try {
      await link(candidate.storedPath, beside);
    } catch {
      result.push(file); // another file system, too many links: the written copy stays
      continue;
    }
    await rename(beside, target);
    touched.add(path.dirname(target));
    result.push({ ...file, storedSize: candidate.storedSize, reused: true });
  }
  await Promise.all([...touched].map((d) => fsyncDirectory(d)));
  return result;
}
