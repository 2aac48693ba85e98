import { z } from 'zod';
import { isLsnText } from '../pg/lsn';
import { backupRefSchema } from './backups';

// Recovery's boundary: the recoverable window, target planning (dry run), restore and restore
// verification. Shared by the API, the console (the restore form and the PITR wizard) and the
// workers (a restore run's input is parsed again there).

const lsnText = z.string().trim().refine(isLsnText, 'An LSN looks like 0/3000060 (two hex numbers separated by "/").');

/** recovery_target_timeline: the backup's own timeline, the newest in the archive, or a number. */
export const targetTimelineSchema = z.union([z.literal('current'), z.literal('latest'), z.number().int().min(1).max(0xffff_ffff)]);
export type TargetTimeline = z.infer<typeof targetTimelineSchema>;

export const targetActions = ['pause', 'promote', 'shutdown'] as const;
export type TargetAction = (typeof targetActions)[number];

// Exactly one kind of target (PostgreSQL and Barman refuse more than one); 'latest' replays all
// the WAL the archive holds (no recovery_target at all).
const kindSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('latest') }),
  z.object({ kind: z.literal('immediate') }),
  z.object({ kind: z.literal('time'), time: z.iso.datetime({ offset: true, message: 'Give the time with its offset, e.g. 2026-12-06T14:05:00.123456+00:00.' }) }),
  z.object({ kind: z.literal('xid'), xid: z.union([z.number().int().min(3), z.string().regex(/^\d+$/, 'An xid is a number.')]).transform(String) }),
  z.object({ kind: z.literal('lsn'), lsn: lsnText }),
  z.object({ kind: z.literal('name'), name: z.string().trim().min(1, 'Name the restore point.').max(63) }),
]);

export const recoveryTargetSchema = z
  .object({
    target: kindSchema,
    timeline: targetTimelineSchema.default('latest'),
    /** recovery_target_inclusive: stop just after the target (true) or just before it; time, xid and LSN only. */
    inclusive: z.boolean().default(true),
    action: z.enum(targetActions).default('pause'),
  })
  .strict();
export type RecoveryTargetInput = z.input<typeof recoveryTargetSchema>;
export type RecoveryTarget = z.output<typeof recoveryTargetSchema>;

export const planRestoreInput = recoveryTargetSchema.extend({
  /** A backup id, name or shortcut; 'auto' (the default) lets Cellar choose. */
  backup: z.union([z.literal('auto'), backupRefSchema]).default('auto'),
});
export type PlanRestoreInput = z.input<typeof planRestoreInput>;

const absolutePath = z
  .string()
  .trim()
  .min(2)
  .max(1000)
  .refine((p) => p.startsWith('/'), 'Give an absolute path.')
  .refine((p) => !p.split('/').includes('..'), 'A path may not contain "..".')
  .refine((p) => !/[\0\n\r'"]/.test(p), 'A path may not contain quotes, newlines or NUL.');

export const sshFingerprintSchema = z
  .string()
  .trim()
  .regex(/^SHA256:[A-Za-z0-9+/]{43}$/, 'A host key fingerprint looks like SHA256: followed by 43 base64 characters.');

export const restoreDestinationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local'), path: absolutePath }),
  z.object({
    kind: z.literal('ssh'),
    /** user@host[:port]; the server's SSH credentials (encrypted secrets) are used. */
    target: z.string().trim().regex(/^[A-Za-z0-9._-]+@(\[[0-9A-Fa-f:]+\]|[A-Za-z0-9._-]+)(:\d{1,5})?$/, 'Give the destination host as user@host or user@host:port.'),
    path: absolutePath,
    /** For a host whose key is not pinned yet: the fingerprint you checked; the key is pinned if it matches. */
    hostKey: sshFingerprintSchema.optional(),
  }),
]);
export type RestoreDestination = z.infer<typeof restoreDestinationSchema>;

export const walModes = ['copy', 'get-wal'] as const;

export const startRestoreInput = planRestoreInput
  .extend({
    destination: restoreDestinationSchema,
    /** Tablespace name or oid → new location. */
    tablespaces: z.record(z.string().min(1).max(100), absolutePath).default({}),
    /** copy: the WAL up to the target into <dest>/cellar_wal; get-wal: fetched from Cellar by cellar-wal-restore. */
    walMode: z.enum(walModes).default('copy'),
    /** get-wal: Cellar's URL and a WAL archive token file, as the restored host sees them. */
    getWal: z.object({ url: z.url(), tokenFile: absolutePath, prefetch: z.number().int().min(0).max(32).default(4) }).strict().optional(),
    /** standby.signal instead of recovery.signal. */
    standby: z.boolean().default(false),
    /** Keep the restored archive_command (Barman disables it; so does Cellar by default). */
    keepArchiveCommand: z.boolean().default(false),
    /** Empty a non-empty destination first. */
    overwrite: z.boolean().default(false),
    /** Parallel SFTP channels for an ssh destination. */
    channels: z.number().int().min(1).max(16).default(4),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.walMode === 'get-wal' && !input.getWal)
      ctx.addIssue({ code: 'custom', path: ['getWal'], message: 'get-wal mode needs the URL of Cellar and a WAL archive token file on the destination host.' });
  });
export type StartRestoreInput = z.input<typeof startRestoreInput>;
export type StartRestoreData = z.output<typeof startRestoreInput>;

/** restore.verify: a backup (and optionally a target) of a server; everything else has defaults, so a schedule can start it. */
export const startRestoreVerifyInput = z
  .object({
    backup: z.union([z.literal('auto'), backupRefSchema]).default('latest'),
    target: recoveryTargetSchema.shape.target.default({ kind: 'immediate' }),
    timeline: targetTimelineSchema.default('latest'),
    inclusive: z.boolean().default(true),
    /** Run pg_amcheck where the binaries have it. */
    amcheck: z.boolean().default(true),
    timeoutSeconds: z.number().int().min(30).max(24 * 3600).default(1800),
  })
  .strict();
export type StartRestoreVerifyInput = z.input<typeof startRestoreVerifyInput>;

export const recoveryWindowQuery = z.object({
  timeline: z.coerce.number().int().min(1).optional(),
  buckets: z.coerce.number().int().min(1).max(500).default(48),
});

// ---- views ----

export type WalPoint = { lsn: string; time: string | null; segment: string };

export type WindowRangeView = {
  /** The backup this range starts from (its consistency point). */
  backupId: string;
  from: WalPoint;
  /** The last segment the archive holds without a gap from the backup on, and the last transaction in it. */
  to: WalPoint & { lastTransactionTime: string | null };
  /** Time targets must lie in [earliestTime, latestTime); null when no transaction was indexed. */
  earliestTime: string;
  latestTime: string | null;
  /** LSN targets must lie in [earliestLsn, latestLsn]. */
  earliestLsn: string;
  latestLsn: string;
  xids: { first: string; last: string } | null;
  /** Whether every segment of the range has been read by the WAL index. */
  indexed: boolean;
};

export type TimelineWindowView = {
  timeline: number;
  /** Ancestors, oldest first, each with the LSN where the next timeline branched off. */
  history: { timeline: number; switchLsn: string | null }[];
  ranges: WindowRangeView[];
  /** Holes that cut the window: no target past one is reachable from a backup before it. */
  gaps: { from: string; to: string; missing: number }[];
  restorePoints: { name: string; lsn: string; time: string; segment: string; reachable: boolean }[];
  backups: { backupId: string; name: string | null; endLsn: string; endTime: string; timeline: number; usable: boolean; reason: string | null }[];
  /** Transactions that ended (commits + aborts) per time bucket, from the WAL index. */
  activity: { from: string; to: string; transactions: number }[];
};

export type RecoveryWindowView = { serverName: string; latestTimeline: number | null; timelines: TimelineWindowView[] };

export type PlanProblem = { code: 'before_backup' | 'beyond_archive' | 'not_found' | 'gap' | 'no_backup' | 'backup_unusable' | 'timeline'; message: string };

export type RestorePlanView = {
  ok: boolean;
  serverName: string;
  target: RecoveryTarget;
  timeline: { requested: TargetTimeline; resolved: number | null };
  backup: { backupId: string; name: string | null; timeline: number; endLsn: string; endTime: string; reason: string } | null;
  /** Where recovery is expected to stop (the segment holding the record that ends it). */
  stop: { segment: string; lsn: string | null; time: string | null; description: string } | null;
  wal: { first: string; last: string; segments: number; bytes: number; historyFiles: string[] } | null;
  /** The settings a restore appends to postgresql.auto.conf (restore_command aside). */
  recoverySettings: Record<string, string>;
  messages: string[];
  problems: PlanProblem[];
  /** What is reachable instead, for a refused target. */
  reachable: string[];
};

export type RestoreReportView = {
  backupId: string;
  destination: string;
  files: number;
  bytes: number;
  walFiles: number;
  walBytes: number;
  durationMs: number;
  recoverySettings: Record<string, string>;
  signalFile: 'recovery.signal' | 'standby.signal';
  archiveCommandDisabled: boolean;
  startCommand: string;
  notes: string[];
};
