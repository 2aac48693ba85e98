import type { BackupManifest } from '../repository/backup-manifest';

// The server's backup_manifest against what a backup holds: used when a backup is written (every
// listed file received, with its size) and when it is verified later (the decompressed stored
// files, with their SHA-256). WAL under pg_wal/ is never in a manifest; pg_verifybackup checks
// it by parsing it, and so does Cellar's verify (see verify-backup.ts).

/** What a backup holds of a file; sha256 null when it was not computed (the size is still compared). */
export type ObservedFile = { size: number; sha256: string | null };

export type ManifestComparison = {
  missing: string[];
  changed: { path: string; problem: string }[];
  extra: string[];
};

export function compareWithManifest(manifest: BackupManifest, observed: ReadonlyMap<string, ObservedFile>): ManifestComparison {
  const result: ManifestComparison = { missing: [], changed: [], extra: [] };
  const listed = new Set<string>();
  for (const file of manifest.files) {
    listed.add(file.path);
    const seen = observed.get(file.path);
    if (!seen) {
      result.missing.push(file.path);
    } else if (seen.size !== file.size) {
      result.changed.push({ path: file.path, problem: `size ${seen.size}, the manifest says ${file.size}` });
    } else if (file.checksumAlgorithm === 'SHA256' && seen.sha256 !== null && file.checksum !== seen.sha256) {
      result.changed.push({ path: file.path, problem: 'its SHA-256 differs from the manifest' });
    }
  }
  for (const path of observed.keys()) if (!listed.has(path) && !path.startsWith('pg_wal/')) result.extra.push(path);
  return result;
}

export function isClean(comparison: ManifestComparison): boolean {
  return comparison.missing.length + comparison.changed.length + comparison.extra.length === 0;
}

/** One sentence for a run's error, naming the first few problems. */
export function describeComparison(comparison: ManifestComparison): string {
  const parts: string[] = [];
  const few = (paths: string[]) => paths.slice(0, 3).join(', ') + (paths.length > 3 ? ` and ${paths.length - 3} more` : '');
  if (comparison.missing.length) parts.push(`${comparison.missing.length} missing (${few(comparison.missing)})`);
  if (comparison.changed.length) parts.push(`${comparison.changed.length} changed (${few(comparison.changed.map((c) => `${c.path}: ${c.problem}`))})`);
  if (comparison.extra.length) parts.push(`${comparison.extra.length} not in the manifest (${few(comparison.extra)})`);
  return parts.length ? `Files differ from the backup manifest: ${parts.join('; ')}.` : 'Every file matches the backup manifest.';
}
