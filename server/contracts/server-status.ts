// Barman's `status` for one server, in two parts: what the catalog knows (always answers, fast)
// and what PostgreSQL says now (may be unreachable; asked separately so the page never waits).

export type ServerCatalogStatus = {
  serverName: string;
  description: string;
  active: boolean;
  pgVersion: number | null;
  systemId: string | null;
  backupMethod: 'postgres' | 'ssh';
  retentionPolicy: string | null;
  minimumRedundancy: number;
  /** Barman's "Minimum redundancy requirements": satisfied when available ≥ minimum. */
  redundancy: { available: number; minimum: number; satisfied: boolean };
  backups: {
    available: number;
    failed: number;
    total: number;
    first: { backupId: string; endTime: string | null } | null;
    last: { backupId: string; endTime: string | null } | null;
    /** Bytes the backups take in the repository (after hard links). */
    storedSize: number;
  };
  wal: {
    segments: number;
    timelines: number[];
    missingSegments: number;
    size: number;
    storedSize: number;
    lastArchived: { name: string; archivedAt: string; source: string } | null;
    /** Segments archived in the last hour and the last 24 hours (Barman's "archiving rate"). */
    lastHour: number;
    lastDay: number;
    restorePoints: number;
  };
  archivers: { streaming: boolean; push: boolean; slotName: string | null };
};

export type ServerLiveStatus = {
  serverName: string;
  checkedAt: string;
  versionText: string;
  versionNum: number;
  /** Barman's "Cluster state". */
  inRecovery: boolean;
  systemId: string | null;
  startedAt: string | null;
  /** null when the role may not read it (needs pg_read_all_settings). */
  dataDirectory: string | null;
  /** Sum of pg_database_size over the databases the role can reach. */
  dataSize: number | null;
  currentLsn: string | null;
  currentWal: string | null;
  walLevel: string | null;
  archiveMode: string | null;
  archiveCommand: string | null;
  archiver: {
    archivedCount: number;
    lastArchivedWal: string | null;
    lastArchivedTime: string | null;
    failedCount: number;
    lastFailedWal: string | null;
    lastFailedTime: string | null;
  } | null;
  slot: { name: string; active: boolean; restartLsn: string | null; walStatus: string | null; retainedBytes: number | null } | null;
};
