import type { BackupListParams } from './backup-paths';
import type { AuditFilters } from './types';
import type { RunFilters } from './use-runs';
import type { AlertFilters } from './use-alerts';

/** Every cache key in one place, so invalidations cannot drift from the queries. */
export const queryKeys = {
  me: ['me'] as const,
  fleet: ['fleet'] as const,
  serverHealth: (name: string) => ['fleet', name] as const,
  serverStatus: (name: string) => ['servers', name, 'status'] as const,
  serverLive: (name: string) => ['servers', name, 'status', 'live'] as const,
  walStatus: (name: string) => ['servers', name, 'wal'] as const,
  walTimeline: (name: string, from: string, to: string) => ['servers', name, 'wal', 'timeline', from, to] as const,
  restorePoints: (name: string) => ['servers', name, 'wal', 'restore-points'] as const,
  servers: ['servers'] as const,
  server: (name: string) => ['servers', name] as const,
  checks: (name: string) => ['servers', name, 'checks'] as const,
  backups: (name: string) => ['servers', name, 'backups'] as const,
  backupPage: (name: string, params: BackupListParams) => ['servers', name, 'backups', 'list', 'page', params] as const,
  backup: (name: string, ref: string) => ['servers', name, 'backups', 'one', ref] as const,
  backupFiles: (name: string, ref: string, search: string) =>
    ['servers', name, 'backups', 'files', ref, search] as const,
  retention: (name: string) => ['servers', name, 'retention'] as const,
  schedules: (name: string) => ['servers', name, 'schedules'] as const,
  runs: ['runs'] as const,
  runKinds: ['run-kinds'] as const,
  runList: (filters: RunFilters) => ['runs', 'list', filters] as const,
  run: (id: string) => ['runs', 'one', id] as const,
  audit: (filters: AuditFilters) => ['audit', filters] as const,
  users: ['users'] as const,
  tokens: ['tokens'] as const,
  alerts: ['alerts'] as const,
  alertList: (filters: AlertFilters) => ['alerts', 'list', filters] as const,
  alertSummary: ['alerts', 'summary'] as const,
  alertRules: ['alerts', 'rules'] as const,
  channels: ['notifications', 'channels'] as const,
  deliveries: (channel: string | undefined) => ['notifications', 'deliveries', channel ?? ''] as const,
};
