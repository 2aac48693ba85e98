import type { Server } from '../db/generated/client';

// What `cellar check` works from: a probe (facts gathered once, every network step bounded)
// and pure evaluators that turn facts into Barman's checks, in Barman's order.

export type CheckStatus = 'OK' | 'FAILED';

export type CheckResult = {
  /** Barman's exact check name (e.g. "wal_level", "backup maximum age"). */
  name: string;
  status: CheckStatus;
  /** What a DBA can do, or the measured value on success (Barman prints it in parentheses). */
  hint?: string;
  perfdata?: Record<string, number>;
};

/** A fact group: gathered, failed with an error in words, or cut short by the check timeout. */
export type Fact<T> = { ok: true; value: T } | { ok: false; error: string; timedOut?: boolean };

export type ServerSettings = Pick<
  Server,
  | 'name'
  | 'backupMethod'
  | 'compression'
  | 'compressionLevel'
  | 'walCompression'
  | 'retentionPolicy'
  | 'minimumRedundancy'
  | 'lastBackupMaximumAge'
  | 'lastBackupMinimumSize'
  | 'lastWalMaximumAge'
  | 'slotName'
  | 'createSlot'
  | 'streamingArchiver'
  | 'pushArchiver'
  | 'sshTarget'
  | 'sshHostKey'
  | 'systemId'
>;

export type RoleFacts = {
  name: string;
  superuser: boolean;
  replication: boolean;
  /** Membership (with USAGE) of the predefined roles; null when the role does not exist in this major. */
  monitor: boolean;
  readAllSettings: boolean;
  readAllStats: boolean;
  checkpoint: boolean | null;
};

/** EXECUTE on the functions a backup needs; named pg_backup_* from PG 15, pg_*_backup before. */
export type FunctionFacts = {
  backupStart: boolean;
  backupStop: boolean;
  switchWal: boolean;
  createRestorePoint: boolean;
};

export type ArchiverStats = {
  archivedCount: number;
  lastArchivedWal: string | null;
  lastArchivedTime: Date | null;
  failedCount: number;
  lastFailedWal: string | null;
  lastFailedTime: Date | null;
};

export type SlotFacts = {
  slotType: string;
  active: boolean;
  restartLsn: string | null;
  walStatus: string | null;
};

export type PostgresFacts = {
  versionNum: number;
  versionText: string;
  walLevel: string | null;
  archiveMode: string | null;
  /** null when the role may not read it (needs pg_read_all_settings). */
  archiveCommand: string | null;
  archiveLibrary: string | null;
  isInRecovery: boolean;
  role: RoleFacts;
  functions: FunctionFacts;
  systemId: string | null;
  archiver: ArchiverStats | null;
  /** undefined when no slot_name is configured; null when the slot does not exist. */
  slot: SlotFacts | null | undefined;
  /** walsenders with application_name = 'cellar_receive_wal' (pg_stat_replication). */
  walReceivers: number;
};

export type StreamingFacts = { systemId: string; timeline: number; xlogpos: string };

export type LastBackupFacts = {
  backupId: string;
  status: string;
  endTime: Date | null;
  size: bigint | null;
  beginWal: string | null;
  endWal: string | null;
  timeline: number | null;
};

export type CatalogFacts = {
  lastBackup: LastBackupFacts | null;
  failedBackups: number;
  doneBackups: number;
  /** Newest WAL archived since the last backup began, and bytes of WAL after its end. */
  newestWalSinceBackup: Date | null;
  walBytesAfterBackup: bigint;
};

export type RepositoryFacts = {
  path: string;
  /** "<path>: <reason>" when the directory cannot be created or written (Barman's wording). */
  problem: string | null;
  freeBytes: number | null;
  /** The systemid in identity.json; null when the file does not exist. */
  identitySystemId: string | null;
  identityProblem: string | null;
  errorFiles: string[];
};

export type CodecName = 'gzip' | 'lz4' | 'zstd';
export type CodecFacts = Record<CodecName, { ok: true } | { ok: false; error: string }>;

export type SshFacts = {
  hostKey: { type: string; base64: string; sha256: string };
  /** What `true` printed on stdout and stderr: anything here breaks file copies. */
  output: string;
  exitCode: number | null;
};

export type Probe = {
  server: ServerSettings;
  now: Date;
  postgres: Fact<PostgresFacts>;
  /** null when no streaming connection is configured (method ssh and no WAL streaming). */
  streaming: Fact<StreamingFacts> | null;
  catalog: Fact<CatalogFacts>;
  repository: Fact<RepositoryFacts>;
  codecs: CodecFacts;
  /** null when the server has no SSH target. */
  ssh: Fact<SshFacts> | null;
  /** The whole probe overran the check timeout. */
  timedOut: boolean;
  timeoutMs: number;
};

export const receiveWalApplicationName = 'cellar_receive_wal';
export const minimumPgVersionNum = 130000;
