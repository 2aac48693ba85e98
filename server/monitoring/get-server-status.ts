import type { Ctx } from '../context';
import type { Server } from '../db/generated/client';
import { prettySize } from '../contracts/barman-options';
import { findServer } from '../servers/find-server';
import { readPostgresStatus, type PostgresStatus } from './read-postgres-status';

export type StatusLine = { description: string; message: string };
/** `barman -f json status`: per server, Barman's keys with a description and a message, in Barman's order. */
export type StatusReport = Record<string, Record<string, StatusLine>>;

/** Barman's `status` for the named servers (all when none), each read live with a short timeout. */
export async function getServerStatus({ ctx, input }: { ctx: Ctx; input: { servers?: string[]; now?: Date } }): Promise<StatusReport> {
  const servers = input.servers?.length ? await Promise.all(input.servers.map((name) => findServer(ctx, name))) : await ctx.db.server.findMany({ orderBy: { name: 'asc' } });
  const entries = await Promise.all(servers.map(async (server) => [server.name, await statusOf(ctx, server, input.now ?? new Date())] as const));
  return Object.fromEntries(entries);
}

async function statusOf(ctx: Ctx, server: Server, now: Date): Promise<Record<string, StatusLine>> {
  const out: Record<string, StatusLine> = {};
  const put = (key: string, description: string, message: string) => (out[key] = { description, message });
  if (server.description) put('description', 'Description', server.description);
  put('active', 'Active', pyBool(server.enabled));
  put('disabled', 'Disabled', 'False');
  put('active_model', 'Active configuration model', 'None');
  const live = await readPostgresStatus(server);
  if (live.ok) {
    postgresLines(live.value, put);
    if (server.pushArchiver) archiverLines(live.value, now, put);
  } else put('pg_version', 'PostgreSQL version', 'FAILED trying to get PostgreSQL version');
  put('passive_node', 'Passive node', 'False');
  put('retention_policies', 'Retention policies', server.retentionPolicy ? `enforced (mode: auto, retention: ${server.retentionPolicy}, WAL retention: MAIN)` : 'not enforced');
  const done = await ctx.db.backup.findMany({ where: { serverId: server.id, status: 'DONE' }, orderBy: { backupId: 'asc' }, select: { backupId: true } });
  put('backups_number', 'No. of available backups', String(done.length));
  put('first_backup', 'First available backup', done[0]?.backupId ?? 'None');
  put('last_backup', 'Last available backup', done.at(-1)?.backupId ?? 'None');
  const enough = done.length >= server.minimumRedundancy;
  put('minimum_redundancy', 'Minimum redundancy requirements', `${enough ? 'satisfied' : 'FAILED'} (${done.length}/${server.minimumRedundancy})`);
  return out;
}

type Put = (key: string, description: string, message: string) => void;

function postgresLines(pg: PostgresStatus, put: Put): void {
  put('pg_version', 'PostgreSQL version', pg.versionText);
  put('is_in_recovery', 'Cluster state', pg.inRecovery ? 'in archive recovery' : 'in production');
  if (pg.currentSize !== null) put('current_size', 'Current data size', prettySize(pg.currentSize));
  if (pg.dataDirectory) put('data_directory', 'PostgreSQL Data directory', pg.dataDirectory);
  if (pg.currentWal) put('current_xlog', 'Current WAL segment', pg.currentWal);
}

/** Barman's FileWalArchiver.status: shown for the push archiver (Barman's `archiver = on`). */
function archiverLines(pg: PostgresStatus, now: Date, put: Put): void {
  if (pg.archiveMode === null) return;
  put('archive_command', "PostgreSQL 'archive_command' setting", pg.archiveCommand ?? 'FAILED (please set it accordingly to documentation)');
  const a = pg.archiver;
  const last = a?.lastArchivedWal ? `${a.lastArchivedWal}${a.lastArchivedTime ? `, at ${ctime(a.lastArchivedTime)}` : ''}` : null;
  put('last_archived_wal', 'Last archived WAL', last ?? 'No WAL segment shipped yet');
  if (!a) return;
  put('failed_count', 'Failures of WAL archiver', a.failedCount > 0 ? `${a.failedCount} (${a.lastFailedWal ?? '?'} at ${a.lastFailedTime ? ctime(a.lastFailedTime) : '?'})` : String(a.failedCount));
  const elapsed = a.statsReset ? (now.getTime() - a.statsReset.getTime()) / 1000 : 0;
  if (elapsed > 0 && a.archivedCount > 0) put('server_archived_wals_per_hour', 'Server WAL archiving rate', `${((3600 * a.archivedCount) / elapsed).toFixed(2)}/hour`);
}

/** Python's datetime.ctime() ("Sun Jun  2 08:47:02 2024"), in UTC. */
export function ctime(date: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days[date.getUTCDay()]} ${months[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2, ' ')} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} ${date.getUTCFullYear()}`;
}

function pyBool(value: boolean): string {
  return value ? 'True' : 'False';
}
