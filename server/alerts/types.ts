import type { AlertRuleKind, AlertSeverity, RuleParams } from '../contracts/alerts';
import type { ReceiverStatusView, WalGapView } from '../contracts/wal';
import type { CatalogFacts, CheckResult } from '../checks/types';

// What alert evaluation works from: facts gathered from the catalog and the repository, and
// pure rules that turn them into findings. Reconciling findings with the open alerts is apart.

/** A rule's condition holds for a subject now. */
export type Finding = {
  rule: AlertRuleKind;
  /** Stable across evaluations (ids, not names): one open alert per rule and subject key. */
  subjectKey: string;
  /** The subject in words: "db1", "db1 · wal_level", "repository". */
  subject: string;
  serverId: string | null;
  summary: string;
  details?: Record<string, unknown>;
};

export type RuleSetting = { enabled: boolean; severity: AlertSeverity; params: RuleParams };
export type RuleSettings = Record<AlertRuleKind, RuleSetting>;

export type LatestRun = {
  id: string;
  kind: string;
  status: 'succeeded' | 'failed';
  error: string | null;
  finishedAt: Date;
};

export type ServerFacts = {
  server: {
    id: string;
    name: string;
    lastBackupMaximumAge: string | null;
    lastBackupMinimumSize: bigint | null;
    lastWalMaximumAge: string | null;
  };
  catalog: CatalogFacts;
  gaps: WalGapView[];
  /** begin_wal of the oldest DONE backup that needs the WAL after it (not kept standalone). */
  oldestBeginWal: string | null;
  /** Files in <repository>/<server>/errors: refused WAL kept aside. */
  errorFiles: string[];
  /** The latest finished (succeeded or failed) run per kind, of the kinds alerts watch. */
  latestRuns: LatestRun[];
  failedVerifications: { backupUuid: string; backupId: string; verifiedAt: Date | null }[];
  latestCheck: { checkedAt: Date; results: CheckResult[] } | null;
  /** The streaming receiver as the WAL status shows it; null when the server does not stream. */
  receiver: ReceiverStatusView | null;
};

export type RepositorySpace = { path: string; totalBytes: number; freeBytes: number };

export type SpaceForecast = {
  bytesPerDay: number;
  daysLeft: number | null;
  samples: number;
  spanHours: number;
};

export type ChannelFacts = {
  id: string;
  name: string;
  enabled: boolean;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  lastError: string | null;
  consecutiveFailures: number;
};

export type GlobalFacts = {
  /** null with an error when the repository's file system could not be measured. */
  space: RepositorySpace | null;
  spaceError: string | null;
  forecast: SpaceForecast | null;
  channels: ChannelFacts[];
};
