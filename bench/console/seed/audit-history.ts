import type { BackupPlan } from './backup-history';
import type { Cell, Column } from './bulk-insert';
import type { ServerPlan } from './fleet-plan';
import type { Random } from './random';
import type { TableRows } from './server-rows';

// Eight months of audit trail: the servers being registered, sign-ins, people starting, keeping
// and verifying backups, a CI token running checks through the API all day, refusals, and the
// occasional denied request of a viewer. Rows go in time order so ids follow time.

export type SeedUser = { id: string; username: string; role: 'admin' | 'operator' | 'viewer' };

const c = (name: string, type: Column['type'], cast?: string): Column => ({ name, type, cast });
const columns = [
  c('at', 'timestamptz'), c('actor_type', 'text', '"ActorType"'), c('actor_id', 'text'), c('actor_name', 'text'), c('action', 'text'),
  c('target_type', 'text'), c('target_id', 'text'), c('outcome', 'text', '"AuditOutcome"'), c('ip', 'text'), c('user_agent', 'text'),
  c('request_id', 'text'), c('details', 'text', 'jsonb'),
];

type Event = { at: number; actor: SeedUser | 'ci' | 'system'; action: string; targetType: string | null; targetId: string | null; outcome: string; details: unknown };

const agents = [
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
];

function fromPlans(servers: readonly ServerPlan[], backups: ReadonlyMap<string, readonly BackupPlan[]>, users: readonly SeedUser[], random: Random, createdMs: ReadonlyMap<string, number>): Event[] {
  const admin = users[0] as SeedUser;
  const byName = new Map(users.map((u) => [u.username, u]));
  const events: Event[] = [];
  for (const s of servers) {
    events.push({ at: createdMs.get(s.id) ?? 0, actor: admin, action: 'server.create', targetType: 'server', targetId: s.name, outcome: 'success', details: { name: s.name } });
    for (const b of backups.get(s.id) ?? []) {
      const who = byName.get(b.requestedBy);
      if (who) events.push({ at: b.beginMs - 2_000, actor: who, action: 'backup.start', targetType: 'server', targetId: s.name, outcome: 'success', details: { runId: b.runId, checkpoint: 'fast' } });
      if (b.keep) events.push({ at: (b.endMs ?? b.beginMs) + 600_000, actor: admin, action: 'backup.keep', targetType: 'backup', targetId: `${s.name}/${b.backupId}`, outcome: 'success', details: { target: b.keep } });
      if (b.verified && b.endMs) events.push({ at: b.endMs + 3 * 3_600_000 - 1_000, actor: random.pick(users.slice(0, 3)), action: 'backup.verify', targetType: 'backup', targetId: `${s.name}/${b.backupId}`, outcome: 'success', details: {} });
      if (b.error?.startsWith('Cancelled')) events.push({ at: (b.endMs ?? b.beginMs) - 500, actor: byName.get('bob') ?? admin, action: 'run.cancel', targetType: 'run', targetId: b.runId, outcome: 'success', details: { kind: 'backup.run', wasStatus: 'running' } });
    }
  }
  return events;
}

function background(servers: readonly ServerPlan[], users: readonly SeedUser[], random: Random, count: number, fromMs: number, toMs: number): Event[] {
  const events: Event[] = [];
  const live = servers.filter((s) => s.scenario !== 'new');
  for (let i = 0; i < count; i++) {
    const at = random.between(fromMs, toMs);
    const server = random.pick(live).name;
    const user = random.pick(users);
    const roll = random.next();
    if (roll < 0.55) events.push({ at, actor: 'ci', action: 'server.check', targetType: 'server', targetId: server, outcome: 'success', details: {} });
    else if (roll < 0.8) events.push({ at, actor: user, action: 'auth.login', targetType: 'user', targetId: user.id, outcome: 'success', details: {} });
    else if (roll < 0.9) events.push({ at, actor: user, action: 'auth.logout', targetType: 'session', targetId: null, outcome: 'success', details: {} });
    else if (roll < 0.93) events.push({ at, actor: user, action: 'auth.login', targetType: 'user', targetId: user.username, outcome: 'failure', details: { reason: 'wrong password' } });
    else if (roll < 0.96) events.push({ at, actor: users[1] ?? user, action: 'server.update', targetType: 'server', targetId: server, outcome: 'success', details: { changed: [random.pick(['description', 'lastBackupMaximumAge', 'retentionPolicy', 'compression'])], secretsChanged: [] } });
    else if (roll < 0.98) events.push({ at, actor: 'system', action: 'wal.push', targetType: 'server', targetId: server, outcome: 'failure', details: { reason: 'a different file with this name is already archived; kept aside in errors/' } });
    else events.push({ at, actor: users.at(-1) ?? user, action: `POST /api/servers/${server}/backups`, targetType: null, targetId: null, outcome: 'denied', details: { required: 'operator' } });
  }
  return events;
}

export function auditRows(input: {
  servers: readonly ServerPlan[];
  backups: ReadonlyMap<string, readonly BackupPlan[]>;
  users: readonly SeedUser[];
  createdMs: ReadonlyMap<string, number>;
  random: Random;
  total: number;
  fromMs: number;
  toMs: number;
}): TableRows {
  const { random } = input;
  const planned = fromPlans(input.servers, input.backups, input.users, random, input.createdMs);
  const events = [...planned, ...background(input.servers, input.users, random, Math.max(0, input.total - planned.length), input.fromMs, input.toMs)];
  events.sort((a, b) => a.at - b.at);
  const rows = events.map((e): Cell[] => {
    const actor = e.actor === 'ci' ? { type: 'token', id: null, name: 'alice/ci' } : e.actor === 'system' ? { type: 'system', id: null, name: 'cellar' } : { type: 'user', id: e.actor.id, name: e.actor.username };
    const ip = actor.type === 'system' ? null : actor.type === 'token' ? '10.20.0.15' : `10.10.${random.int(1, 4)}.${random.int(2, 250)}`;
    return [new Date(e.at), actor.type, actor.id, actor.name, e.action, e.targetType, e.targetId, e.outcome, ip, actor.type === 'user' ? random.pick(agents) : null, random.uuid(), JSON.stringify(e.details)];
  });
  return { table: 'audit_events', columns, rows };
}
