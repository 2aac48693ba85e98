import { z } from 'zod';
import { maxRateRangeKbps } from '../pg/base-backup-command';
import type { RetentionStatus } from './retention';
import { compressionSchema, serverNameSchema } from './servers';

// The backup catalog's boundary: start, list, show, files, verify, keep, delete. Shared by the
// API routes, the console and the workers (a backup.run's options are parsed again there).

/** Barman's backup id: the UTC start time as YYYYMMDDTHHMMSS. */
export const backupIdPattern = /^\d{8}T\d{6}$/;
export const backupIdSchema = z.string().regex(backupIdPattern, 'A backup id looks like 20261202T140501.');

// Barman's reserved shortcuts; a name may not look like an id either, or lookups become ambiguous.
const reservedBackupNames = new Set(['latest', 'last', 'oldest', 'first', 'last-failed']);

export const backupNameSchema = z
  .string()
  .trim()
  .min(1, 'A backup name cannot be empty.')
  .max(100, 'Use at most 100 characters for a backup name.')
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _.:-]*$/, 'Start a backup name with a letter or digit; then use letters, digits, space, "_", ".", ":" or "-".')
  .refine((name) => !backupIdPattern.test(name), { message: 'A backup name may not look like a backup id.' })
  .refine((name) => !reservedBackupNames.has(name.toLowerCase()), {
    message: '"latest", "last", "oldest", "first" and "last-failed" are reserved; choose another name.',
  });

/** A backup as addressed in a URL: its id, its name, or one of Barman's shortcuts. */
export const backupRefSchema = z.string().min(1).max(100);

export const checkpointSchema = z.enum(['fast', 'spread']);

const maxRateBounds = maxRateRangeKbps;

const backupOptions = {
  /** Defaults to the server's compression and level. */
  compression: compressionSchema.optional(),
  compressionLevel: z.number().int().min(-7).max(22).nullable().optional(),
  /** fast: an immediate checkpoint; spread: wait for the server's scheduled one (less I/O). */
  checkpoint: checkpointSchema.default('fast'),
  /**
   * Standalone: the WAL needed for consistency is stored in the backup, which is then DONE and
   * restorable on its own. Defaults to true unless the server archives WAL (streaming or push).
   */
  standalone: z.boolean().optional(),
  /** Bandwidth limit in kB/s (PostgreSQL's MAX_RATE). */
  maxRateKbps: z
    .number()
    .int()
    .min(maxRateBounds.min, `PostgreSQL accepts a rate limit of at least ${maxRateBounds.min} kB/s.`)
    .max(maxRateBounds.max, `PostgreSQL accepts a rate limit of at most ${maxRateBounds.max} kB/s (1 GB/s).`)
    .nullable()
    .optional(),
  /** Hard-link files unchanged since the previous backup (Barman's reuse_backup = link); defaults to the server's setting. */
  reuse: z.boolean().optional(),
};

export const startBackupInput = z.object({ name: backupNameSchema.optional(), ...backupOptions }).strict();
export type StartBackupInput = z.input<typeof startBackupInput>;
export type StartBackupData = z.output<typeof startBackupInput>;

/** "Back up all": every enabled server, or the ones named; each gets its own run. */
export const startBackupsInput = z
  .object({ servers: z.array(serverNameSchema).min(1, 'Name at least one server, or leave the list out for all.').max(500).optional(), ...backupOptions })
  .strict();
export type StartBackupsInput = z.input<typeof startBackupsInput>;

export const backupStatuses = ['EMPTY', 'STARTED', 'WAITING_FOR_WALS', 'DONE', 'FAILED'] as const;
export type BackupStatus = (typeof backupStatuses)[number];
export const keepTargets = ['full', 'standalone'] as const;
export type KeepTarget = (typeof keepTargets)[number];

export const keepBackupInput = z.object({ target: z.enum(keepTargets) }).strict();

/** Columns the catalog can be sorted on (server-side, before paging). */
export const backupSortKeys = ['backupId', 'endTime', 'size', 'storedSize', 'deduplicatedSize'] as const;
export type BackupSortKey = (typeof backupSortKeys)[number];

// A query string's empty value (`?status=`) means "no filter".
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

export const listBackupsQuery = z
  .object({
    status: z.preprocess(blankToUndefined, z.enum(backupStatuses).optional()),
    /** A part of the backup id or of its name, ignoring case. */
    search: z.preprocess(blankToUndefined, z.string().trim().max(100, 'Search with at most 100 characters.').optional()),
    /** Backups that began at or after `from` and at or before `to`. */
    from: z.preprocess(blankToUndefined, z.coerce.date({ message: 'From must be a date and time, e.g. 2026-11-28T09:00:00Z.' }).optional()),
    to: z.preprocess(blankToUndefined, z.coerce.date({ message: 'To must be a date and time, e.g. 2026-11-28T09:00:00Z.' }).optional()),
    /** yes: only backups with a keep annotation; no: only those without. */
    kept: z.preprocess(blankToUndefined, z.enum(['yes', 'no']).optional()),
    sort: z.preprocess(blankToUndefined, z.enum(backupSortKeys).default('backupId')),
    order: z.preprocess(blankToUndefined, z.enum(['asc', 'desc']).default('desc')),
    /** Rows to skip; with `total` in the answer this pages through any sort. */
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
    /** Newest first only: a cursor is the backup id to continue after (keyset paging). */
    cursor: backupIdSchema.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .refine((q) => !q.cursor || (q.sort === 'backupId' && q.order === 'desc'), {
    message: 'A cursor pages the default order (newest first); use offset with another sort.',
    path: ['cursor'],
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'From must not be after To.', path: ['to'] });
export type ListBackupsQuery = z.infer<typeof listBackupsQuery>;
export type ListBackupsInput = z.input<typeof listBackupsQuery>;

export const listBackupFilesQuery = z.object({
  search: z.string().max(200).optional(),
  /** A file path to continue after (files are in path order). */
  cursor: z.string().max(4096).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type ListBackupFilesQuery = z.infer<typeof listBackupFilesQuery>;

export type TablespaceView = { oid: number; name: string | null; location: string; size: number | null };

/** A backup as list-backups shows it. Sizes in bytes, times ISO 8601, LSNs as X/Y. */
export type BackupView = {
  id: string;
  serverName: string;
  backupId: string;
  name: string | null;
  status: BackupStatus;
  /** Barman's backup type: full (postgres method) or rsync-like (ssh method). */
  type: 'full' | 'rsync';
  method: 'postgres' | 'ssh';
  compression: 'none' | 'gzip' | 'lz4' | 'zstd';
  compressionLevel: number | null;
  standalone: boolean;
  keep: KeepTarget | null;
  timeline: number | null;
  beginLsn: string | null;
  endLsn: string | null;
  beginWal: string | null;
  endWal: string | null;
  beginTime: string | null;
  endTime: string | null;
  /** Bytes of the data directory and tablespaces copied (uncompressed). */
  size: number | null;
  /** Bytes the backup takes on disk after compression, as if nothing were shared. */
  storedSize: number | null;
  /** Bytes this backup added to the repository: stored size minus what is hard-linked from its predecessor. */
  deduplicatedSize: number | null;
  /** The server's estimate of the cluster's size at backup time. */
  clusterSize: number | null;
  walSize: number | null;
  fileCount: number | null;
  pgVersion: number | null;
  systemId: string | null;
  error: string | null;
  runId: string | null;
  createdAt: string;
  verifiedAt: string | null;
  verifyStatus: 'ok' | 'failed' | null;
  /** Barman's retention status under the server's policy; null when no policy is set (not enforced). */
  retentionStatus: RetentionStatus | null;
  /** Its deletion has begun (or was interrupted and is finished by the next retention pass). */
  deleting: boolean;
};

/** Everything show-backup reports that applies to Cellar's backups. */
export type BackupDetailView = BackupView & {
  checkpoint: 'fast' | 'spread' | null;
  copyMs: number | null;
  /** Bytes per second of the copy, size / copy time. */
  throughput: number | null;
  /** storedSize / size: 0.25 means the backup takes a quarter of the cluster. */
  compressionRatio: number | null;
  reusedFrom: string | null;
  reusedFiles: number | null;
  /** Bytes not written thanks to hard links (storedSize - deduplicatedSize), and that as a share of storedSize. */
  dedupSaving: number | null;
  dedupRatio: number | null;
  walSegmentSize: number | null;
  /** WAL segments from begin_wal to end_wal inclusive. */
  walCount: number | null;
  dataChecksums: boolean | null;
  tablespaces: TablespaceView[];
  previousBackupId: string | null;
  nextBackupId: string | null;
};

/** A row of the catalog page, with Barman's list-backups "WAL Size": the WAL archived after it until the next backup. */
export type BackupListItem = BackupView & { walUntilNext: { segments: number; size: number } | null };

export type BackupListPage = { backups: BackupListItem[]; total: number; offset: number; limit: number; nextCursor: string | null };

export type BackupFileView = {
  /** The path in the restored data directory (pg_tblspc/<oid>/… for tablespace files). */
  path: string;
  size: number;
  storedSize: number;
  /** Hard-linked from the previous backup rather than written again. */
  reused: boolean;
  /** SHA-256 from the server's manifest; null for files it does not list (WAL under pg_wal/). */
  checksum: string | null;
};

export type BackupFilesPage = { files: BackupFileView[]; total: number; nextCursor: string | null };
