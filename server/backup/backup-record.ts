import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { backupStatuses, keepTargets } from '../contracts/backups';
import { compressionSchema } from '../contracts/servers';
import { writeFileAtomic } from '../repository/atomic-write';

// backup.json: everything the catalog knows of a backup, beside its files, so the catalog can be
// rebuilt from the repository alone. Read back through the same schema (conventions §3).

const count = z.number().int().min(0);
const nullableCount = count.nullable();

const storedFileSchema = z.object({
  path: z.string().min(1),
  size: count,
  storedSize: count,
  /** The server's manifest checksum; null for files it does not list (WAL). */
  sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  reused: z.boolean(),
});

export const backupRecordSchema = z.object({
  format: z.literal(1),
  server: z.string(),
  backupId: z.string(),
  name: z.string().nullable(),
  status: z.enum(backupStatuses),
  method: z.enum(['postgres', 'ssh']),
  compression: compressionSchema,
  compressionLevel: z.number().int().nullable(),
  checkpoint: z.enum(['fast', 'spread']),
  standalone: z.boolean(),
  keep: z.enum(keepTargets).nullable(),
  timeline: z.number().int().min(1),
  beginLsn: z.string(),
  endLsn: z.string(),
  beginWal: z.string(),
  endWal: z.string(),
  beginTime: z.iso.datetime({ offset: true }),
  endTime: z.iso.datetime({ offset: true }),
  size: count,
  storedSize: count,
  deduplicatedSize: count,
  clusterSize: nullableCount,
  walSize: count,
  fileCount: count,
  copyMs: count,
  pgVersion: z.number().int(),
  systemId: z.string().regex(/^\d+$/),
  dataChecksums: z.boolean().nullable(),
  walSegmentSize: z.number().int().positive(),
  reusedFrom: z.string().nullable(),
  reusedFiles: count,
  tablespaces: z.array(z.object({ oid: z.number().int(), name: z.string().nullable(), location: z.string(), size: nullableCount })),
  /** Symbolic links of the data directory (pg_tblspc/<oid> → location), recreated at restore. */
  links: z.array(z.object({ path: z.string(), target: z.string() })),
  files: z.array(storedFileSchema),
});
export type BackupRecord = z.infer<typeof backupRecordSchema>;

export const backupRecordFile = 'backup.json';

export async function writeBackupRecord(dir: string, record: BackupRecord): Promise<void> {
  await writeFileAtomic(path.join(dir, backupRecordFile), Buffer.from(`${JSON.stringify(record, null, 1)}\n`), { mode: 0o600 });
}

export async function readBackupRecord(dir: string): Promise<BackupRecord> {
  const file = path.join(dir, backupRecordFile);
  const parsed = backupRecordSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file} is not a valid backup record: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  return parsed.data;
}

/** Rewrites backup.json with some fields changed (a keep, a status): atomically replaced, never edited in place. */
export async function updateBackupRecord(dir: string, patch: Partial<Pick<BackupRecord, 'keep' | 'status'>>): Promise<BackupRecord> {
  const record = { ...(await readBackupRecord(dir)), ...patch };
  await writeBackupRecord(dir, record);
  return record;
}
