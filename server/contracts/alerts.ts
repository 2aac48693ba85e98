import { z } from 'zod';

// Alerts and their rules, shared by the API, the console and the workers (no I/O here).

export const alertSeverities = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof alertSeverities)[number];
export const alertSeveritySchema = z.enum(alertSeverities);

export function severityRank(severity: AlertSeverity): number {
  return alertSeverities.indexOf(severity);
}

export const alertRuleKinds = [
  'backup_age',
  'backup_size',
  'wal_age',
  'wal_gaps',
  'wal_conflict',
  'receiver_down',
  'receiver_lag',
  'backup_failed',
  'verify_failed',
  'restore_failed',
  'check_failing',
  'repository_free_space',
  'repository_forecast',
  'channel_failing',
] as const;
export type AlertRuleKind = (typeof alertRuleKinds)[number];
export const alertRuleKindSchema = z.enum(alertRuleKinds);

/** A numeric threshold a rule takes, described for the settings form. */
export type RuleParamSpec = {
  name: string;
  label: string;
  unit: string;
  min: number;
  max: number;
  default: number;
};

export type AlertRuleSpec = {
  kind: AlertRuleKind;
  title: string;
  /** When it opens, in words; when the server setting it reads is unset, it never opens. */
  description: string;
  defaultSeverity: AlertSeverity;
  /** Server-scoped rules are evaluated per server; the others once for the whole installation. */
  scope: 'server' | 'global';
  params: RuleParamSpec[];
};

export const alertRuleSpecs: Record<AlertRuleKind, AlertRuleSpec> = {
  backup_age: {
    kind: 'backup_age',
    title: 'Backup too old',
    description:
      'The last backup is older than the server’s last_backup_maximum_age, or there is no backup at all.',
    defaultSeverity: 'critical',
    scope: 'server',
    params: [],
  },
  backup_size: {
    kind: 'backup_size',
    title: 'Backup too small',
    description: 'The last backup is smaller than the server’s last_backup_minimum_size.',
    defaultSeverity: 'warning',
    scope: 'server',
    params: [],
  },
  wal_age: {
    kind: 'wal_age',
    title: 'No recent WAL',
    description:
      'No WAL was archived for longer than the server’s last_wal_maximum_age since the last backup began.',
    defaultSeverity: 'critical',
    scope: 'server',
    params: [],
  },
  wal_gaps: {
    kind: 'wal_gaps',
    title: 'Gap in the WAL archive',
    description:
      'Segments are missing between archived ones, after the oldest backup that needs them: point-in-time recovery stops at the gap.',
    defaultSeverity: 'critical',
    scope: 'server',
    params: [],
  },
  wal_conflict: {
    kind: 'wal_conflict',
    title: 'WAL refused and kept aside',
    description:
      'A WAL file conflicting with a stored one (or otherwise refused) sits in the server’s errors directory.',
    defaultSeverity: 'critical',
    scope: 'server',
    params: [],
  },
  receiver_down: {
    kind: 'receiver_down',
    title: 'WAL receiver down',
    description:
      'The server streams WAL to Cellar, but no receiver is streaming it (no receiver process reports, or it stopped on an error).',
    defaultSeverity: 'critical',
    scope: 'server',
    params: [],
  },
  receiver_lag: {
    kind: 'receiver_lag',
    title: 'WAL receiver lagging',
    description:
      'The WAL receiver is streaming, but what it has flushed is behind the server by more than the threshold: the RPO grows.',
    defaultSeverity: 'warning',
    scope: 'server',
    params: [{ name: 'maxLagSeconds', label: 'Lag allowed', unit: 's', min: 1, max: 86_400, default: 60 }],
  },
  backup_failed: {
    kind: 'backup_failed',
    title: 'Backup failed',
    description: 'The latest backup run of the server failed; resolves when a later one succeeds.',
    defaultSeverity: 'critical',
    scope: 'server',
    params: [],
  },
  verify_failed: {
    kind: 'verify_failed',
    title: 'Backup failed verification',
    description:
      'A backup did not match its manifest when read back; resolves when it verifies or is deleted.',
    defaultSeverity: 'critical',
    scope: 'server',
    params: [],
  },
  restore_failed: {
    kind: 'restore_failed',
    title: 'Restore failed',
    description:
      'The latest restore or restore verification run of the server failed; resolves when a later one succeeds.',
    defaultSeverity: 'warning',
    scope: 'server',
    params: [],
  },
  check_failing: {
    kind: 'check_failing',
    title: 'Check failing',
    description:
      'A check of the server’s latest report failed (the age and size thresholds have their own rules).',
    defaultSeverity: 'warning',
    scope: 'server',
    params: [],
  },
  repository_free_space: {
    kind: 'repository_free_space',
    title: 'Repository almost full',
    description: 'Free space on the repository’s file system is below the threshold.',
    defaultSeverity: 'critical',
    scope: 'global',
    params: [
      { name: 'minFreePercent', label: 'Minimum free space', unit: '%', min: 0, max: 100, default: 10 },
    ],
  },
  repository_forecast: {
    kind: 'repository_forecast',
    title: 'Repository filling up',
    description:
      'At the growth rate measured over the window, the repository’s file system fills up in fewer days than the threshold.',
    defaultSeverity: 'warning',
    scope: 'global',
    params: [
      { name: 'minDaysLeft', label: 'Warn when full within', unit: 'days', min: 1, max: 365, default: 7 },
      { name: 'windowDays', label: 'Growth measured over', unit: 'days', min: 1, max: 30, default: 7 },
    ],
  },
  channel_failing: {
    kind: 'channel_failing',
    title: 'Notification channel failing',
    description:
      'The last delivery (or test) through a notification channel failed; resolves on its next success.',
    defaultSeverity: 'warning',
    scope: 'global',
    params: [],
  },
};

export type RuleParams = Record<string, number>;

/** A rule's thresholds with defaults filled in and each value checked against its bounds. */
export function ruleParamsSchema(kind: AlertRuleKind): z.ZodType<RuleParams> {
  const specs = alertRuleSpecs[kind].params;
  const shape = Object.fromEntries(
    specs.map((p) => [
      p.name,
      z
        .number({ message: `${p.label} must be a number` })
        .min(p.min, `${p.label} is at least ${p.min} ${p.unit}`)
        .max(p.max, `${p.label} is at most ${p.max} ${p.unit}`)
        .default(p.default),
    ]),
  );
  return z.object(shape).strict();
}

export type AlertRuleView = AlertRuleSpec & {
  enabled: boolean;
  severity: AlertSeverity;
  values: RuleParams;
  updatedAt: string | null;
  updatedBy: string | null;
};

export const updateAlertRuleInput = z
  .object({
    enabled: z.boolean().optional(),
    severity: alertSeveritySchema.optional(),
    params: z.record(z.string(), z.number()).optional(),
  })
  .strict()
  .refine((v) => v.enabled !== undefined || v.severity !== undefined || v.params !== undefined, {
    message: 'Change at least one of enabled, severity or params.',
  });
export type UpdateAlertRuleInput = z.infer<typeof updateAlertRuleInput>;

export const alertStates = ['open', 'unacknowledged', 'acknowledged', 'resolved', 'all'] as const;
export type AlertState = (typeof alertStates)[number];

export const listAlertsQuery = z.object({
  state: z.enum(alertStates).default('open'),
  server: z.string().min(1).max(100).optional(),
  severity: alertSeveritySchema.optional(),
  rule: alertRuleKindSchema.optional(),
  /** One alert (the link in a notification), whatever its state. */
  id: z.string().uuid().optional(),
  cursor: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListAlertsQuery = z.input<typeof listAlertsQuery>;

export type AlertView = {
  id: string;
  /** An AlertRuleKind; kept as text so history from rules a later version drops still reads. */
  rule: string;
  severity: AlertSeverity;
  title: string;
  summary: string;
  subject: string;
  serverName: string | null;
  details: Record<string, unknown> | null;
  openedAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  resolution: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  ackComment: string | null;
};

export type AlertList = { alerts: AlertView[]; nextCursor: string | null };

/** The navigation badge and the alerts page's headline. */
export type AlertSummary = {
  open: number;
  unacknowledged: number;
  bySeverity: Record<AlertSeverity, number>;
};

export const acknowledgeAlertInput = z
  .object({
    comment: z
      .string()
      .trim()
      .min(1, 'Say why it is acknowledged, e.g. who is on it or until when.')
      .max(2000, 'Keep the comment under 2000 characters.'),
  })
  .strict();
export type AcknowledgeAlertInput = z.infer<typeof acknowledgeAlertInput>;
