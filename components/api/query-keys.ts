import type { AuditFilters } from './types';
import type { RunFilters } from './use-runs';
import type { AlertFilters } from './use-alerts';

/** Every cache key in one place, so invalidations cannot drift from the queries. */
export const queryKeys = {
  me: ['me'] as const,
  servers: ['servers'] as const,
  server: (name: string) => ['servers', name] as const,
  checks: (name: string) => ['servers', name, 'checks'] as const,
  backups: (name: string) => ['servers', name, 'backups'] as const,
  backupList: (name: string, status: string | undefined) =>
    ['servers', name, 'backups', 'list', status ?? ''] as const,
  backup: (name: string, ref: string) => ['servers', name, 'backups', 'one', ref] as const,
  backupFiles: (name: string, ref: string, search: string) =>
    ['servers', name, 'backups', 'files', ref, search] as const,
  retention: (name: string) => ['servers', name, 'retention'] as const,
  schedules: (name: string) => ['servers', name, 'schedules'] as const,
  wal: (name: string) => ['servers', name, 'wal'] as const,
  runs: ['runs'] as const,
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
