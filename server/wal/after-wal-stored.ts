import type { Ctx } from '../context';
import type { Server } from '../db/generated/client';
import { checkWaitingBackups } from './check-backup';
import { indexArchivedWal } from './index-archived-wal';
import type { WalFileName } from './wal-file-name';

/**
 * What a new segment settles: backups waiting for it (Barman runs check-backup on arrival), and
 * the WAL index. The file is already safe; a failure here is logged and retried by maintenance.
 * The streaming receiver leaves the index to maintenance (workers/jobs.ts, every 30 s): reading a
 * segment back costs its event loop a few hundred milliseconds, which would show as receive lag.
 */
export async function afterWalStored(
  ctx: Ctx,
  root: string,
  server: Server,
  file: WalFileName,
  options: { index?: boolean } = {},
): Promise<void> {
  // A .partial completes no backup, but the planner reads its commit times like a segment's.
  if (file.kind !== 'segment' && file.kind !== 'partial') return;
  try {
    const waiting =
      file.kind === 'segment'
        ? await ctx.db.backup.count({ where: { serverId: server.id, status: 'WAITING_FOR_WALS' } })
        : 0;
    if (waiting > 0) await checkWaitingBackups({ ctx, input: { serverId: server.id, root } });
    if (options.index ?? true) await indexArchivedWal({ ctx, input: { server, root } });
  } catch (error) {
    ctx.log.warn(
      { err: error, server: server.name, file: file.name },
      'after storing WAL: check-backup or indexing failed; maintenance retries',
    );
  }
}
