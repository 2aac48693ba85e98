import type { ServerView } from '@/server/contracts/servers';

// Response shapes of the HTTP API that server/contracts does not (yet) export.

export const roles = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof roles)[number];

export type CurrentUser = { id: string; username: string; role: Role; mustChangePassword: boolean };

export type LastCheck = { ok: boolean; checkedAt: string; failed: string[] };
export type ServerSummary = ServerView & { lastCheck: LastCheck | null };

export type CheckResultView = {
  name: string;
  status: 'OK' | 'FAILED';
  hint: string | null;
  perfdata: unknown;
};
export type CheckReportView = {
  id: string;
  ok: boolean;
  durationMs: number;
  checkedAt: string;
  runId: string | null;
  results: CheckResultView[];
};

export const auditOutcomes = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];
export type AuditEventView = {
  id: string | number;
  at: string;
  actorType: 'user' | 'token' | 'system';
  actorName: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: AuditOutcome;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  details: unknown;
};
export type AuditFilters = {
  actor?: string;
  action?: string;
  outcome?: string;
  from?: string;
  to?: string;
  targetType?: string;
  targetId?: string;
};

export type UserView = {
  id: string;
  username: string;
  role: Role;
  disabled: boolean;
  lastLoginAt: string | null;
  createdAt: string;
};

export type TokenView = {
  id: string;
  name: string;
  kind: 'api' | 'wal_archive';
  prefix: string;
  role: Role;
  serverId: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
};
export type CreatedToken = Partial<TokenView> & { token: string };
