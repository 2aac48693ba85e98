import type { Random } from './random';

// The fleet the large seed makes: 50 servers of different sizes and habits, most of them fine
// and a handful in each kind of trouble a DBA must see first.

export type Scenario =
  | 'healthy'
  | 'backup-running'
  | 'checks-failing'
  | 'slot-inactive'
  | 'wal-gap'
  | 'stale-backup'
  | 'wal-stopped'
  | 'last-backup-failed'
  | 'disabled'
  | 'new';

export type ServerPlan = {
  id: string;
  name: string;
  description: string;
  scenario: Scenario;
  pgVersion: number;
  systemId: string;
  compression: 'zstd' | 'lz4' | 'gzip' | 'none';
  streaming: boolean;
  push: boolean;
  retentionPolicy: string | null;
  minimumRedundancy: number;
  lastBackupMaximumAge: string;
  lastWalMaximumAge: string;
  enabled: boolean;
  backupIntervalHours: number;
  backupCount: number;
  /** Segments per hour, on average over the day. */
  walPerHour: number;
  segmentCount: number;
  /** Cluster size at the newest backup; older backups are smaller. */
  clusterBytes: number;
  timelineSwitches: number;
  /** A server whose backups fail now and then: its old FAILED backups fail Barman's "failed backups" check. */
  flaky: boolean;
};

const apps = [
  'orders', 'billing', 'payments', 'ledger', 'inventory', 'search', 'analytics', 'crm', 'hr', 'reviews',
  'events', 'catalog', 'auth', 'shipping', 'pricing', 'notify', 'media', 'geo', 'fraud', 'support',
  'reporting', 'warehouse', 'loyalty', 'sessions', 'ads',
];

const special: Record<string, { scenario: Scenario; switches?: number }> = {
  'orders-prod': { scenario: 'backup-running' },
  'billing-prod': { scenario: 'checks-failing' },
  'payments-prod': { scenario: 'wal-gap' },
  'ledger-prod': { scenario: 'healthy', switches: 2 },
  'inventory-prod': { scenario: 'healthy', switches: 1 },
  'search-prod': { scenario: 'stale-backup' },
  'analytics-prod': { scenario: 'wal-stopped' },
  'crm-staging': { scenario: 'last-backup-failed' },
  'events-staging': { scenario: 'slot-inactive' },
  'hr-staging': { scenario: 'disabled' },
  'reviews-staging': { scenario: 'new' },
};

const gib = 1024 ** 3;

function baseServer(random: Random, name: string, prod: boolean): Omit<ServerPlan, 'backupCount' | 'segmentCount' | 'walPerHour'> {
  const rule = special[name];
  const scenario = rule?.scenario ?? 'healthy';
  const busy = prod && random.chance(0.3);
  // An inactive slot only matters to a server that streams its WAL.
  const streaming = scenario === 'slot-inactive' || random.chance(0.6);
  return {
    id: random.uuid(),
    name,
    description: `${name.split('-')[0] ?? name} database, ${prod ? 'production' : 'staging'}${busy ? ' (busy)' : ''}`,
    scenario,
    pgVersion: random.pick([150008, 160004, 170002, 180001]),
    systemId: String(7_300_000_000_000_000_000n + BigInt(random.int(1, 999_999_999)) * 1_000_000n),
    compression: random.pick(['zstd', 'zstd', 'zstd', 'lz4', 'gzip']),
    streaming,
    push: !streaming || random.chance(0.3),
    retentionPolicy: random.pick(['RECOVERY WINDOW OF 30 DAYS', 'RECOVERY WINDOW OF 2 WEEKS', 'REDUNDANCY 7', null]),
    minimumRedundancy: random.int(1, 3),
    lastBackupMaximumAge: prod ? (busy ? '12 hours' : '1 day') : '1 week',
    lastWalMaximumAge: busy ? '1 hour' : '6 hours',
    enabled: scenario !== 'disabled',
    backupIntervalHours: busy ? 6 : prod ? 24 : 168,
    clusterBytes: Math.round((prod ? random.between(20, 1500) : random.between(2, 120)) * gib),
    timelineSwitches: rule?.switches ?? 0,
    flaky: scenario === 'last-backup-failed' || (scenario === 'healthy' && random.chance(0.12)),
  };
}

/** Fifty servers whose backups and WAL segments add up to the totals asked for. */
export function planFleet(random: Random, totals: { backups: number; segments: number }): ServerPlan[] {
  const names = apps.flatMap((app) => [`${app}-prod`, `${app}-staging`]);
  const bases = names.map((name) => baseServer(random, name, name.endsWith('-prod')));
  const backupWeights = bases.map((b) => (b.scenario === 'new' ? 0 : 24 / b.backupIntervalHours) * random.between(0.6, 1.4));
  const backupCounts = apportion(totals.backups, backupWeights);
  const walWeights = bases.map((b) => (b.scenario === 'new' ? 0 : (b.clusterBytes / gib) ** 0.5 * random.between(0.5, 2)));
  const spans = bases.map((b, i) => (backupCounts[i] ?? 0) * b.backupIntervalHours);
  const segmentCounts = apportion(totals.segments, walWeights.map((w, i) => w * (spans[i] ?? 0)));
  return bases.map((b, i) => {
    const span = spans[i] ?? 0;
    const segmentCount = segmentCounts[i] ?? 0;
    return { ...b, backupCount: backupCounts[i] ?? 0, segmentCount, walPerHour: span ? segmentCount / span : 0 };
  });
}

/** Whole numbers proportional to the weights that add up to exactly `total`. */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w / sum) * total);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}
