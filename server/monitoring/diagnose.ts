import os from 'node:os';
import type { Ctx } from '../context';
import type { Server } from '../db/generated/client';
import { env } from '../config/env';
import { requireRole } from '../auth/roles';
import { measureRepository } from '../alerts/gather-global-facts';
import { repositoryRoot } from '../repository/repository-root';
import { getServerStatus } from './get-server-status';

/**
 * `barman diagnose`: one JSON document for support — Cellar's configuration and host, and per
 * server its settings, live status, backups, the last WAL per timeline and open alerts. No
 * secret is in it (passwords, keys and tokens only say whether they are set); admins only.
 */
export async function diagnose({ ctx, input = {} }: { ctx: Ctx; input?: { repositoryRoot?: string } }): Promise<Record<string, unknown>> {
  requireRole(ctx.actor, 'admin', 'read the diagnosis');
  const root = input.repositoryRoot ?? repositoryRoot();
  const servers = await ctx.db.server.findMany({ orderBy: { name: 'asc' } });
  const [status, space] = await Promise.all([getServerStatus({ ctx, input: {} }), measureRepository(root).catch((error: unknown) => ({ error: String(error) }))]);
  const errors: string[] = [];
  const perServer: Record<string, unknown> = {};
  for (const server of servers) {
    const lines = status[server.name] ?? {};
    if (lines.pg_version?.message.startsWith('FAILED')) errors.push(`${server.name}: PostgreSQL could not be reached for its status`);
    perServer[server.name] = { config: serverConfig(server), status: lines, backups: await backupsOf(ctx, server.id), wals: await walsOf(ctx, server.id), alerts: await alertsOf(ctx, server.id), msg_list: [] };
  }
  return { global: { config: globalConfig(root), system_info: systemInfo(), repository: space }, servers: perServer, errors_list: errors };
}

function globalConfig(root: string): Record<string, unknown> {
  const e = env();
  return {
    repository: root,
    cellar_home: e.CELLAR_HOME,
    queue_prefix: e.CELLAR_QUEUE_PREFIX,
    backup_concurrency: e.CELLAR_BACKUP_CONCURRENCY,
    public_url: e.CELLAR_PUBLIC_URL ?? null,
    // Hosts only: the URLs may carry passwords.
    catalog_host: hostOf(e.DATABASE_URL),
    redis_host: hostOf(e.REDIS_URL),
    secret_key_from: e.CELLAR_SECRET_KEY ? 'CELLAR_SECRET_KEY' : 'key file',
  };
}

function systemInfo(): Record<string, unknown> {
  return {
    cellar_ver: process.env.npm_package_version ?? null,
    node_ver: process.version,
    kernel_ver: os.version(),
    release: `${os.type()} ${os.release()}`,
    hostname: os.hostname(),
    cpus: os.cpus().length,
    memory_bytes: os.totalmem(),
    uptime_seconds: Math.round(os.uptime()),
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}

function serverConfig(s: Server): Record<string, unknown> {
  return {
    description: s.description,
    active: s.enabled,
    conninfo: s.conninfo,
    password_set: s.passwordSecret !== null,
    streaming_conninfo: s.streamingConninfo,
    ssh_target: s.sshTarget,
    ssh_key_set: s.sshKeySecret !== null,
    backup_method: s.backupMethod,
    backup_compression: s.compression,
    backup_compression_level: s.compressionLevel,
    compression: s.walCompression,
    reuse_backup: s.reuseBackup ? 'link' : 'off',
    retention_policy: s.retentionPolicy,
    minimum_redundancy: s.minimumRedundancy,
    last_backup_maximum_age: s.lastBackupMaximumAge,
    last_backup_minimum_size: s.lastBackupMinimumSize === null ? null : Number(s.lastBackupMinimumSize),
    last_wal_maximum_age: s.lastWalMaximumAge,
    slot_name: s.slotName,
    create_slot: s.createSlot ? 'auto' : 'manual',
    streaming_archiver: s.streamingArchiver,
    archiver: s.pushArchiver,
    systemid: s.systemId,
    pg_version: s.pgVersion,
  };
}

async function backupsOf(ctx: Ctx, serverId: string): Promise<Record<string, unknown>> {
  const rows = await ctx.db.backup.findMany({ where: { serverId, status: { not: 'EMPTY' } }, orderBy: { backupId: 'asc' } });
  return Object.fromEntries(
    rows.map((b) => [
      b.backupId,
      { backup_name: b.name, status: b.status, mode: b.method, compression: b.compression, timeline: b.timeline, begin_time: b.beginTime, end_time: b.endTime, begin_xlog: b.beginLsn, end_xlog: b.endLsn, begin_wal: b.beginWal, end_wal: b.endWal, size: b.size === null ? null : Number(b.size), deduplicated_size: b.storedSize === null ? null : Number(b.storedSize), keep: b.keep, error: b.error, verify_status: b.verifyStatus },
    ]),
  );
}

async function walsOf(ctx: Ctx, serverId: string): Promise<Record<string, unknown>> {
  const last = await ctx.db.$queryRaw<{ timeline: number; name: string; archived_at: Date; size: bigint }[]>`
    SELECT DISTINCT ON (timeline) timeline, name, archived_at, size FROM wal_segments
     WHERE server_id = ${serverId}::uuid AND kind = 'segment' ORDER BY timeline, segno DESC`;
  return { last_archived_wal_per_timeline: Object.fromEntries(last.map((w) => [w.timeline.toString(16).toUpperCase().padStart(8, '0'), { name: w.name, time: w.archived_at, size: Number(w.size) }])) };
}

async function alertsOf(ctx: Ctx, serverId: string): Promise<unknown[]> {
  const open = await ctx.db.alert.findMany({ where: { serverId, resolvedAt: null }, orderBy: { openedAt: 'asc' }, select: { ruleKind: true, severity: true, title: true, openedAt: true, acknowledgedAt: true } });
  return open;
}

function hostOf(url: string): string | null {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}`;
  } catch {
    return null;
  }
}
