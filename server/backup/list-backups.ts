import type { Ctx } from '../context';
import { listBackupsQuery, type BackupListPage, type ListBackupsInput, type ListBackupsQuery } from '../contracts/backups';
import type { Prisma } from '../db/generated/client';
import { findServer } from '../servers/find-server';
import { retentionStatusesOf } from '../retention/server-retention';
import { toBackupView } from './backup-view';
import { walUntilNext } from './wal-until-next';

function whereOf(serverId: string, q: ListBackupsQuery): Prisma.BackupWhereInput {
  const and: Prisma.BackupWhereInput[] = [{ serverId }];
  if (q.status) and.push({ status: q.status });
  if (q.search) and.push({ OR: [{ backupId: { contains: q.search } }, { name: { contains: q.search, mode: 'insensitive' } }] });
  if (q.from) and.push({ beginTime: { gte: q.from } });
  if (q.to) and.push({ beginTime: { lte: q.to } });
  if (q.kept === 'yes') and.push({ keep: { not: null } });
  if (q.kept === 'no') and.push({ keep: null });
  if (q.cursor) and.push({ backupId: { lt: q.cursor } });
  return { AND: and };
}

/**
 * list-backups: filtered, sorted and paged in the catalog, never in the browser. `total` counts
 * every match so the console can say "page 3 of 40"; each row carries the WAL archived after it.
 */
export async function listBackups({ ctx, input }: { ctx: Ctx; input: { server: string; query: ListBackupsInput } }): Promise<BackupListPage> {
  const server = await findServer(ctx, input.server);
  const q = listBackupsQuery.parse(input.query);
  const where = whereOf(server.id, q);
  const orderBy: Prisma.BackupOrderByWithRelationInput[] =
    q.sort === 'backupId' ? [{ backupId: q.order }] : [{ [q.sort]: { sort: q.order, nulls: 'last' } }, { backupId: 'desc' }];
  const [rows, total] = await Promise.all([
    ctx.db.backup.findMany({ where, orderBy, skip: q.cursor ? 0 : q.offset, take: q.limit + 1 }),
    ctx.db.backup.count({ where: q.cursor ? whereOf(server.id, { ...q, cursor: undefined }) : where }),
  ]);
  const page = rows.slice(0, q.limit);
  const [wal, retention] = await Promise.all([walUntilNext(ctx.db, server.id, page), retentionStatusesOf(ctx, server)]);
  return {
    backups: page.map((b) => ({ ...toBackupView(b, server.name, retention.get(b.backupId) ?? null), walUntilNext: wal.get(b.id) ?? null })),
    total,
    offset: q.cursor ? 0 : q.offset,
    limit: q.limit,
    nextCursor: rows.length > q.limit && q.sort === 'backupId' && q.order === 'desc' ? (page.at(-1)?.backupId ?? null) : null,
  };
}
