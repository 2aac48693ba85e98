// The fleet dashboard's boundary: one row per server with the health the catalog can tell,
// shared by the API and the console.

/** critical: something a DBA must act on now; warning: soon; disabled: not looked after. */
export const healthLevels = ['critical', 'warning', 'ok', 'disabled'] as const;
export type HealthLevel = (typeof healthLevels)[number];

export type FleetProblem = {
  /** Stable, for tests and for alert rules: checks_failed, backup_too_old, wal_too_old, wal_gap, … */
  code: string;
  level: 'critical' | 'warning';
  message: string;
};

export type FleetBackup = {
  backupId: string;
  status: 'EMPTY' | 'STARTED' | 'WAITING_FOR_WALS' | 'DONE' | 'FAILED';
  beginTime: string | null;
  endTime: string | null;
  size: number | null;
};

export type FleetServerView = {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  backupMethod: 'postgres' | 'ssh';
  streamingArchiver: boolean;
  pushArchiver: boolean;
  pgVersion: number | null;
  health: HealthLevel;
  /** Worst first. */
  problems: FleetProblem[];
  lastCheck: { ok: boolean; checkedAt: string; failed: string[] } | null;
  /** The newest backup, whatever its status. */
  lastBackup: FleetBackup | null;
  /** The newest backup that can be restored (DONE or WAITING_FOR_WALS): Barman's "last available". */
  lastAvailableBackup: FleetBackup | null;
  /** last_backup_maximum_age and last_wal_maximum_age in seconds; null when not set. */
  backupMaximumAgeSeconds: number | null;
  walMaximumAgeSeconds: number | null;
  backups: { available: number; failed: number };
  /** A backup queued or running now. */
  activeBackup: { runId: string; status: 'queued' | 'running'; phase: string | null; progressDone: number; progressTotal: number | null } | null;
  wal: {
    segments: number;
    timelines: number;
    /** Segments missing between the first and last archived of each timeline. */
    missingSegments: number;
    last: { name: string; archivedAt: string } | null;
  };
  /** Bytes in the repository: what the backups added (after hard links) and the stored WAL. */
  storage: { backups: number; wal: number };
};

export type FleetView = {
  generatedAt: string;
  servers: FleetServerView[];
  counts: Record<HealthLevel, number>;
};
