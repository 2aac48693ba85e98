import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import parsePrometheusTextFormat, { type ParsedFamily } from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../db/generated/client';
import { resetEnvCache } from '../config/env';
import { disconnectDb } from '../db/client';
import { generateApiToken, hashToken, tokenDisplayPrefix } from '../auth/tokens';
import { availableMajors } from '../local/postgres-binaries';
import { runServerChecks } from '../checks/run-server-checks';
import { evaluateAlerts } from '../alerts/evaluate-alerts';
import { startRouteServer, type RouteServer } from '../http/route-server';
import { sealConninfo } from '../servers/server-secrets';
import { testRedis } from '../testing/catalog-fixture';
import { useBackupFixture } from '../testing/backup-fixture';
import { startPostgres, type PostgresServer } from '../testing/postgres-server';
import { freePort } from '../local/free-port';
import { closeQueueDepthConnections } from './queue-depth';

// /metrics, the Nagios endpoints (and the plugin script), status and diagnose, served over real
// HTTP by the real route handlers with API tokens, against a real server, backup and checks.

const run = promisify(execFile);
const plugin = path.resolve(import.meta.dirname, '../../bin/cellar-check-nagios.mjs');
const major = availableMajors().at(-1) ?? 15;
const fx = useBackupFixture();
let pgServer: PostgresServer;
let web: RouteServer;
let server: { id: string; name: string };
let tokens: Record<Role, string>;
let tmp: string;
const pgPassword = 'pg-secret-password-7';

async function token(role: Role): Promise<string> {
  const user = await fx.ctx.db.user.create({ data: { username: `m-${role}`, passwordHash: 'x', role } });
  const value = generateApiToken();
  await fx.ctx.db.apiToken.create({ data: { name: role, prefix: tokenDisplayPrefix(value), tokenHash: hashToken(value), role, userId: user.id } });
  return value;
}

const get = (url: string, role?: Role) => fetch(`${web.url}${url}`, { headers: role ? { authorization: `Bearer ${tokens[role]}` } : {} });

beforeAll(async () => {
  pgServer = await startPostgres({ major, settings: { archive_mode: 'on', archive_command: '/bin/true' } });
  await pgServer.query(`ALTER ROLE postgres PASSWORD '${pgPassword}'`);
  const sealed = sealConninfo('conninfo', `${pgServer.conninfo()} password=${pgPassword}`);
  server = await fx.addServer(pgServer, { conninfo: sealed.conninfo, passwordSecret: sealed.secret ?? null, pushArchiver: true, lastBackupMaximumAge: '1 day', minimumRedundancy: 2, retentionPolicy: 'REDUNDANCY 2' });
  // Standalone: DONE at once, though archive_command only pretends to archive.
  await fx.backup(server.name, { standalone: true });
  await runServerChecks({ ctx: fx.ctx, input: { serverId: server.id, repositoryRoot: fx.root, timeoutMs: 20_000 } });
  await evaluateAlerts({ ctx: fx.ctx, input: { repositoryRoot: fx.root } });

  const redis = testRedis();
  Object.assign(process.env, { DATABASE_URL: fx.catalog.url, CELLAR_REPOSITORY: fx.root, REDIS_URL: redis.url, CELLAR_QUEUE_PREFIX: redis.prefix });
  resetEnvCache();
  const { GET: metrics } = await import('@/app/metrics/route');
  const { GET: nagiosAll } = await import('@/app/api/checks/nagios/route');
  const { GET: nagiosOne } = await import('@/app/api/servers/[name]/checks/nagios/route');
  const { GET: statusAll } = await import('@/app/api/status/route');
  const { GET: statusOne } = await import('@/app/api/servers/[name]/status/route');
  const { GET: diagnose } = await import('@/app/api/diagnose/route');
  web = await startRouteServer([
    { pattern: /^\/metrics$/, methods: { GET: metrics } },
    { pattern: /^\/api\/checks\/nagios$/, methods: { GET: nagiosAll } },
    { pattern: /^\/api\/servers\/(?<name>[^/]+)\/checks\/nagios$/, methods: { GET: nagiosOne } },
    { pattern: /^\/api\/status$/, methods: { GET: statusAll } },
    { pattern: /^\/api\/servers\/(?<name>[^/]+)\/status$/, methods: { GET: statusOne } },
    { pattern: /^\/api\/diagnose$/, methods: { GET: diagnose } },
  ]);
  tokens = { viewer: await token('viewer'), operator: await token('operator'), admin: await token('admin') };
  tmp = await mkdtemp(path.join(os.tmpdir(), 'cellar-nagios-'));
  await writeFile(path.join(tmp, 'token'), tokens.viewer);
});
afterAll(async () => {
  await web?.stop();
  await closeQueueDepthConnections();
  await disconnectDb();
  await pgServer?.destroy();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

describe('/metrics', () => {
  it('needs an API token, and parses as Prometheus text with the values of the catalog', async () => {
    expect((await get('/metrics')).status).toBe(401);
    const response = await get('/metrics', 'viewer');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const families = parsePrometheusTextFormat(await response.text());
    const value = (name: string, labels: Record<string, string> = {}) => {
      const family = families.find((f: ParsedFamily) => f.name === name);
      const sample = family?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
      return sample === undefined ? undefined : Number(sample.value);
    };
    const backup = await fx.ctx.db.backup.findFirstOrThrow({ where: { serverId: server.id, status: 'DONE' } });
    const s = { server: server.name };
    expect(value('cellar_server_last_backup_size_bytes', s)).toBe(Number(backup.size));
    expect(value('cellar_server_last_backup_timestamp_seconds', s)).toBe((backup.endTime?.getTime() ?? 0) / 1000);
    expect(value('cellar_server_last_backup_age_seconds', s)).toBeGreaterThanOrEqual(0);
    expect(value('cellar_server_last_backup_duration_seconds', s)).toBeGreaterThan(0);
    expect(value('cellar_server_backups', { ...s, status: 'DONE' })).toBe(1);
    expect(value('cellar_server_stored_bytes', { ...s, kind: 'backups' })).toBeGreaterThan(0);
    expect(value('cellar_check_status', { ...s, check: 'PostgreSQL' })).toBe(1);
    expect(value('cellar_check_status', { ...s, check: 'minimum redundancy requirements' })).toBe(0);
    expect(value('cellar_server_enabled', s)).toBe(1);
    expect(value('cellar_alerts_open', { severity: 'warning' })).toBeGreaterThanOrEqual(1);
    expect(value('cellar_server_alerts_open', { ...s, severity: 'warning' })).toBeGreaterThanOrEqual(1);
    expect(value('cellar_repository_size_bytes')).toBeGreaterThan(0);
    expect(value('cellar_repository_up')).toBe(1);
    expect(value('cellar_queue_up')).toBe(1);
    expect(value('cellar_queue_jobs', { queue: 'backups', state: 'waiting' })).toBe(0);
    for (const family of families) expect(family.help, family.name).not.toBe('');
  });

  it('refuses a WAL archive token and answers the same to every role that may read', async () => {
    const user = await fx.ctx.db.user.findFirstOrThrow({ where: { username: 'm-admin' } });
    const wal = generateApiToken();
    await fx.ctx.db.apiToken.create({ data: { name: 'wal', kind: 'wal_archive', prefix: tokenDisplayPrefix(wal), tokenHash: hashToken(wal), role: 'operator', userId: user.id, serverId: server.id } });
    expect((await fetch(`${web.url}/metrics`, { headers: { authorization: `Bearer ${wal}` } })).status).toBe(401);
    expect((await get('/metrics', 'admin')).status).toBe(200);
  });
});

describe('Nagios', () => {
  it('answers Barman’s text with the exit code in a header, and the plugin exits with it', async () => {
    const response = await get(`/api/servers/${server.name}/checks/nagios`, 'viewer');
    const text = await response.text();
    // minimum_redundancy is 2 with one backup: Barman's check fails, and so CRITICAL.
    expect(response.headers.get('x-nagios-exit-code')).toBe('2');
    expect(text).toMatch(new RegExp(`^BARMAN CRITICAL - server ${server.name} has issues \\* ${server.name} FAILED: [^|]*minimum redundancy requirements[^|]*\\|${server.name}=\\d+B ${server.name}_wals=\\d+B\\n`));
    expect(text).toContain(`${server.name}.minimum redundancy requirements: FAILED (have 1 non-incremental backups, expected at least 2)\n`);
    expect(text.endsWith('\n') && !text.endsWith('\n\n')).toBe(true);

    const tokenFile = path.join(tmp, 'token');
    const args = [plugin, '--url', web.url, '--token-file', tokenFile, '--server', server.name];
    await expect(run(process.execPath, args)).rejects.toMatchObject({ code: 2, stdout: text });
  });

  it('all servers: a disabled one is ignored, one never checked is reported, a stale report when asked', async () => {
    await fx.ctx.db.server.update({ where: { id: server.id }, data: { minimumRedundancy: 0 } });
    await runServerChecks({ ctx: fx.ctx, input: { serverId: server.id, repositoryRoot: fx.root, timeoutMs: 20_000 } });
    const latest = await fx.ctx.db.checkReport.findFirstOrThrow({ where: { serverId: server.id }, orderBy: { checkedAt: 'desc' }, include: { results: true } });
    const failing = latest.results.filter((r) => r.status === 'FAILED').map((r) => r.name);
    const off = await fx.ctx.db.server.create({ data: { name: 'zz-off', conninfo: 'host=127.0.0.1 port=1', enabled: false } });
    await runServerChecks({ ctx: fx.ctx, input: { serverId: off.id, repositoryRoot: fx.root, timeoutMs: 5_000 } });
    const response = await get('/api/checks/nagios', 'viewer');
    const text = await response.text();
    // With minimum_redundancy back to 0 every check of the server passes; the disabled one's
    // failures are ignored, as Barman ignores an inactive server's.
    expect(failing).toEqual([]);
    expect(response.headers.get('x-nagios-exit-code')).toBe('0');
    expect(text).toMatch(new RegExp(`^BARMAN OK - Ready to serve the Espresso backup for ${server.name} \\* IGNORING: zz-off\\|${server.name}=\\d+B ${server.name}_wals=\\d+B zz-off=0B zz-off_wals=0B\\n$`));
    const stale = await (await get(`/api/servers/${server.name}/checks/nagios?maxAge=60`, 'viewer')).text();
    expect(stale).not.toContain('check report');
    await fx.ctx.db.checkReport.updateMany({ where: { serverId: server.id }, data: { checkedAt: new Date(Date.now() - 2 * 3_600_000) } });
    const old = await (await get(`/api/servers/${server.name}/checks/nagios?maxAge=3600`, 'viewer')).text();
    expect(old).toContain(`${server.name}.check report: FAILED (the latest check is 2 hours`);
    const fresh = await fx.ctx.db.server.create({ data: { name: 'never', conninfo: 'host=127.0.0.1 port=1' } });
    const never = await (await get(`/api/servers/${fresh.name}/checks/nagios`, 'viewer')).text();
    expect(never).toBe('BARMAN CRITICAL - server never has issues * never FAILED: check report\nnever.check report: FAILED (never was never checked; run its checks (POST /api/servers/never/check))\n');
    await fx.ctx.db.server.deleteMany({ where: { id: { in: [off.id, fresh.id] } } });
    const closed = await freePort();
    await expect(run(process.execPath, [plugin, '--url', `http://127.0.0.1:${closed}`, '--token-file', path.join(tmp, 'token')])).rejects.toMatchObject({ code: 3, stdout: `CELLAR UNKNOWN - cannot reach Cellar at 127.0.0.1:${closed} (ECONNREFUSED)\n` });
  });
});

describe('status and diagnose', () => {
  it('status gives Barman’s fields in Barman’s order, read live from PostgreSQL', async () => {
    const body = (await (await get(`/api/servers/${server.name}/status`, 'viewer')).json()) as Record<string, Record<string, { description: string; message: string }>>;
    const status = body[server.name] ?? {};
    const version = (await pgServer.query<{ v: string }>("SELECT split_part(current_setting('server_version'), ' ', 1) AS v")).rows[0]?.v;
    expect(Object.keys(status)).toEqual(['active', 'disabled', 'active_model', 'pg_version', 'is_in_recovery', 'current_size', 'data_directory', 'current_xlog', 'archive_command', 'last_archived_wal', 'failed_count', 'server_archived_wals_per_hour', 'passive_node', 'retention_policies', 'backups_number', 'first_backup', 'last_backup', 'minimum_redundancy'].filter((k) => k !== 'server_archived_wals_per_hour' || k in status));
    expect(status.pg_version).toEqual({ description: 'PostgreSQL version', message: version });
    expect(status.is_in_recovery?.message).toBe('in production');
    expect(status.data_directory?.message).toBe(pgServer.dataDir);
    expect(status.archive_command?.message).toBe('/bin/true');
    expect(status.current_xlog?.message).toMatch(/^[0-9A-F]{24}$/);
    expect(status.retention_policies?.message).toBe('enforced (mode: auto, retention: REDUNDANCY 2, WAL retention: MAIN)');
    expect(status.backups_number?.message).toBe('1');
    expect(status.minimum_redundancy?.message).toMatch(/^(satisfied \(1\/0\)|FAILED \(1\/2\))$/);
    expect(status.active).toEqual({ description: 'Active', message: 'True' });
    const all = (await (await get('/api/status', 'viewer')).json()) as Record<string, unknown>;
    expect(Object.keys(all)).toContain(server.name);
  });

  it('diagnose is for admins and holds no secret', async () => {
    expect((await get('/api/diagnose', 'operator')).status).toBe(403);
    const response = await get('/api/diagnose', 'admin');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(pgPassword);
    expect(text).not.toMatch(/v1:[A-Za-z0-9+/=]+:/);
    const body = JSON.parse(text) as { global: { config: Record<string, unknown> }; servers: Record<string, { config: Record<string, unknown>; backups: Record<string, unknown>; wals: unknown; status: unknown }> };
    expect(body.global.config).toMatchObject({ repository: fx.root });
    expect(body.servers[server.name]?.config).toMatchObject({ password_set: true, archiver: true, retention_policy: 'REDUNDANCY 2' });
    expect(Object.keys(body.servers[server.name]?.backups ?? {})).toHaveLength(1);
  });
});
