import { createHash } from 'node:crypto';
import { z } from 'zod';
import { lsnTextSchema as lsnText, type Lsn } from '../pg/lsn';
import { checksumAlgorithms, checksumHexLength, type ChecksumAlgorithm } from './file-checksum';

// PostgreSQL's backup_manifest (src/backend/backup/backup_manifest.c writes it,
// src/common/parse_manifest.c reads it for pg_verifybackup). Version 1 since PG 13; version 2
// (PG 17+) adds System-Identifier. The last line holds a SHA-256 of every byte before it.

export type ManifestFile = {
  /** Relative to the data directory; tablespace files appear under pg_tblspc/<oid>/. */
  path: string;
  /** Hex of the path bytes, when the manifest wrote Encoded-Path (a name that is not UTF-8). */
  encodedPath?: string;
  size: number;
  /** "YYYY-MM-DD HH:MM:SS GMT"; PostgreSQL writes it, pg_verifybackup ignores it. */
  lastModified?: string;
  checksumAlgorithm: ChecksumAlgorithm;
  /** Lower-case hex; absent when the algorithm is NONE. */
  checksum?: string;
};

export type WalRange = { timeline: number; startLsn: Lsn; endLsn: Lsn };

export type BackupManifest = {
  version: 1 | 2;
  /** Decimal uint64, version 2 only (too large for a JavaScript number). */
  systemIdentifier?: string;
  files: ManifestFile[];
  walRanges: WalRange[];
  manifestChecksum: string;
};

export {
  buildBackupManifest,
  formatManifestTime,
  serializeBackupManifest,
  type ManifestFileInput,
  type ManifestInput,
} from './manifest-writer';

export class ManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestError';
  }
}

const hex = /^(?:[0-9a-fA-F]{2})*$/;

const fileSchema = z
  .strictObject({
    Path: z.string().optional(),
    'Encoded-Path': z.string().regex(hex, 'Encoded-Path must be hex').optional(),
    Size: z
      .union([z.number(), z.string().regex(/^\d+$/).transform(Number)])
      .pipe(z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)),
    'Last-Modified': z.string().optional(),
    // pg_checksum_parse_type() compares case-insensitively.
    'Checksum-Algorithm': z
      .string()
      .transform((s) => s.toUpperCase())
      .pipe(z.enum(checksumAlgorithms))
      .optional(),
    Checksum: z.string().regex(hex, 'Checksum must be hex').optional(),
  })
  .superRefine((file, ctx) => {
    if ((file.Path === undefined) === (file['Encoded-Path'] === undefined))
      ctx.addIssue({ code: 'custom', message: 'a file needs exactly one of Path and Encoded-Path' });
    const algorithm = file['Checksum-Algorithm'];
    if (file.Checksum !== undefined && algorithm === undefined)
      ctx.addIssue({ code: 'custom', message: 'checksum without algorithm' });
    const expected = checksumHexLength[algorithm ?? 'NONE'];
    if (expected > 0 && file.Checksum?.length !== expected)
      ctx.addIssue({ code: 'custom', message: `a ${algorithm} checksum has ${expected} hex digits` });
  });

const walRangeSchema = z.strictObject({
  Timeline: z.number().int().min(1).max(0xffff_ffff),
  'Start-LSN': lsnText,
  'End-LSN': lsnText,
});

const manifestSchema = z
  .strictObject({
    'PostgreSQL-Backup-Manifest-Version': z.union([z.literal(1), z.literal(2)]),
    'System-Identifier': z
      .union([z.string().regex(/^\d{1,20}$/), z.number().int().min(0)])
      .transform(String)
      .optional(),
    Files: z.array(fileSchema),
    'WAL-Ranges': z.array(walRangeSchema),
    'Manifest-Checksum': z.string().regex(/^[0-9a-fA-F]{64}$/, 'Manifest-Checksum must be 64 hex digits'),
  })
  .superRefine((m, ctx) => {
    const version = m['PostgreSQL-Backup-Manifest-Version'];
    if (version === 2 && m['System-Identifier'] === undefined)
      ctx.addIssue({ code: 'custom', message: 'a version 2 manifest has a System-Identifier' });
    if (version === 1 && m['System-Identifier'] !== undefined)
      ctx.addIssue({ code: 'custom', message: 'a version 1 manifest has no System-Identifier' });
  });

/** SHA-256 over the manifest up to and including its penultimate newline (verify_manifest_checksum). */
export function computeManifestChecksum(bytes: Buffer): string {
  if (bytes.at(-1) !== 0x0a)
    throw new ManifestError('The backup manifest is incomplete: its last line is not newline-terminated.');
  const penultimate = bytes.lastIndexOf(0x0a, bytes.length - 2);
  if (penultimate < 0)
    throw new ManifestError('The backup manifest is incomplete: expected at least 2 lines.');
  return createHash('sha256')
    .update(bytes.subarray(0, penultimate + 1))
    .digest('hex');
}

/** Parses and validates a backup_manifest; throws ManifestError unless its checksum matches. */
export function parseBackupManifest(input: string | Buffer): BackupManifest {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  const computed = computeManifestChecksum(bytes);
  let json: unknown;
  try {
    json = JSON.parse(quoteLongIntegers(bytes.toString('utf8'))) as unknown;
  } catch (error) {
    throw new ManifestError(`The backup manifest is not valid JSON: ${(error as Error).message}`);
  }
  const result = manifestSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ManifestError(
      `The backup manifest is not valid at ${issue?.path.join('.') || 'top level'}: ${issue?.message ?? 'unknown problem'}.`,
    );
  }
  const m = result.data;
  if (m['Manifest-Checksum'].toLowerCase() !== computed)
    throw new ManifestError(
      'The backup manifest checksum does not match its contents: the manifest is corrupt.',
    );
  return {
    version: m['PostgreSQL-Backup-Manifest-Version'],
    ...(m['System-Identifier'] === undefined ? {} : { systemIdentifier: m['System-Identifier'] }),
    files: m.Files.map(toManifestFile),
    walRanges: m['WAL-Ranges'].map((r) => ({
      timeline: r.Timeline,
      startLsn: r['Start-LSN'],
      endLsn: r['End-LSN'],
    })),
    manifestChecksum: computed,
  };
}

function toManifestFile(file: z.output<typeof fileSchema>): ManifestFile {
  const encoded = file['Encoded-Path'];
  const algorithm = file['Checksum-Algorithm'] ?? 'NONE';
  return {
    path: encoded === undefined ? (file.Path ?? '') : Buffer.from(encoded, 'hex').toString('utf8'),
    ...(encoded === undefined ? {} : { encodedPath: encoded.toLowerCase() }),
    size: file.Size,
    ...(file['Last-Modified'] === undefined ? {} : { lastModified: file['Last-Modified'] }),
    checksumAlgorithm: algorithm,
    ...(algorithm === 'NONE' || file.Checksum === undefined ? {} : { checksum: file.Checksum.toLowerCase() }),
  };
}

// A System-Identifier is a uint64 written as a bare JSON number: quote long integers (outside
// strings) before JSON.parse so no digit is lost to floating point.
function quoteLongIntegers(text: string): string {
  let out = '';
  let copied = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    if (c === undefined || c < '0' || c > '9') continue;
    let end = i;
    while (end < text.length && (text[end] ?? '') >= '0' && (text[end] ?? '') <= '9') end++;
    const before = text[i - 1] ?? '';
    const after = text[end] ?? '';
    if (end - i > 15 && !'-+.eE'.includes(before) && !'.eE'.includes(after)) {
      out += `${text.slice(copied, i)}"${text.slice(i, end)}"`;
      copied = end;
    }
    i = end - 1;
  }
  return out + text.slice(copied);
}
