import { createHash } from 'node:crypto';
import { formatLsn } from '../pg/lsn';
import type { BackupManifest, ManifestFile, WalRange } from './backup-manifest';
import { checksumHexLength, type ChecksumAlgorithm } from './file-checksum';

// Writes a backup_manifest byte-for-byte as PostgreSQL's backup_manifest.c does, so that
// pg_verifybackup accepts it and a manifest read back serializes to the same text.

export type ManifestFileInput = {
  /** Relative to the data directory; bytes that are not UTF-8 are written as Encoded-Path. */
  path: string | Buffer;
  size: number;
  mtime: Date;
  checksumAlgorithm: ChecksumAlgorithm;
  /** Hex as createFileChecksum() returns it; omitted for NONE. */
  checksum?: string;
};

export type ManifestInput = {
  /** Version 2 (PG 17+) records the system identifier; version 1 (PG 13–16) has none. */
  systemIdentifier?: string;
  files: ManifestFileInput[];
  walRanges: WalRange[];
};

/** pg_strftime("%Y-%m-%d %H:%M:%S %Z") of pg_gmtime(): always GMT, whole seconds. */
export function formatManifestTime(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} GMT`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function pathFields(path: string | Buffer): Pick<ManifestFile, 'path' | 'encodedPath'> {
  if (typeof path === 'string') return { path };
  try {
    return { path: utf8.decode(path) };
  } catch {
    return { path: path.toString('utf8'), encodedPath: path.toString('hex') };
  }
}

export function manifestFile(input: ManifestFileInput): ManifestFile {
  const expected = checksumHexLength[input.checksumAlgorithm];
  if (
    expected > 0 &&
    (input.checksum === undefined || !new RegExp(`^[0-9a-f]{${expected}}$`).test(input.checksum))
  ) {
    throw new Error(
      `${String(input.path)}: a ${input.checksumAlgorithm} checksum is ${expected} lower-case hex digits.`,
    );
  }
  if (!Number.isSafeInteger(input.size) || input.size < 0)
    throw new Error(`${String(input.path)}: size ${input.size} is not a byte count.`);
  return {
    ...pathFields(input.path),
    size: input.size,
    lastModified: formatManifestTime(input.mtime),
    checksumAlgorithm: input.checksumAlgorithm,
    ...(expected > 0 ? { checksum: input.checksum } : {}),
  };
}

/** escape_json(): the two-character escapes, \u00XX (lower-case) for other controls, the rest verbatim. */
export function escapeJsonString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function fileLine(file: ManifestFile): string {
  const name =
    file.encodedPath === undefined
      ? `"Path": ${escapeJsonString(file.path)}`
      : `"Encoded-Path": "${file.encodedPath}"`;
  const modified = file.lastModified === undefined ? '' : `, "Last-Modified": "${file.lastModified}"`;
  const checksum =
    file.checksumAlgorithm === 'NONE' || file.checksum === undefined
      ? ''
      : `, "Checksum-Algorithm": "${file.checksumAlgorithm}", "Checksum": "${file.checksum}"`;
  return `{ ${name}, "Size": ${file.size}${modified}${checksum} }`;
}

function walRangeLine(range: WalRange): string {
  return `{ "Timeline": ${range.timeline}, "Start-LSN": "${formatLsn(range.startLsn)}", "End-LSN": "${formatLsn(range.endLsn)}" }`;
}

/** The manifest text; its Manifest-Checksum is computed here (any value in `manifest` is ignored). */
export function serializeBackupManifest(
  manifest: Omit<BackupManifest, 'manifestChecksum'> & { manifestChecksum?: string },
): string {
  if ((manifest.version === 2) !== (manifest.systemIdentifier !== undefined))
    throw new Error('A version 2 manifest, and only it, has a system identifier.');
  if (manifest.systemIdentifier !== undefined && !/^\d{1,20}$/.test(manifest.systemIdentifier))
    throw new Error('The system identifier is a decimal uint64.');
  const header =
    manifest.version === 2
      ? `{ "PostgreSQL-Backup-Manifest-Version": 2,\n"System-Identifier": ${manifest.systemIdentifier},\n"Files": [`
      : `{ "PostgreSQL-Backup-Manifest-Version": 1,\n"Files": [`;
  // Every file line starts with the separator of the previous one: "\n" first, ",\n" after.
  const files = manifest.files.map((file, i) => `${i === 0 ? '\n' : ',\n'}${fileLine(file)}`).join('');
  const ranges = manifest.walRanges.map(walRangeLine).join(',\n');
  const body = `${header}${files}\n],\n"WAL-Ranges": [\n${ranges}\n],\n`;
  const checksum = createHash('sha256').update(body, 'utf8').digest('hex');
  return `${body}"Manifest-Checksum": "${checksum}"}\n`;
}

/** A manifest for files Cellar copied itself (ssh method), in the form pg_verifybackup reads. */
export function buildBackupManifest(input: ManifestInput): string {
  return serializeBackupManifest({
    version: input.systemIdentifier === undefined ? 1 : 2,
    ...(input.systemIdentifier === undefined ? {} : { systemIdentifier: input.systemIdentifier }),
    files: input.files.map(manifestFile),
    walRanges: input.walRanges,
  });
}
