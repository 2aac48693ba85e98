import type { Ctx } from '../context';
import type { Server } from '../db/generated/client';
import { checkWaitingBackups } from './check-backup';
import type { WalFileName } from './wal-file-name';

/** What a new segment may settle: backups waiting for it (Barman runs check-backup on arrival). */
export async function afterWalStored(ctx: Ctx, root: string, server: Server, file: WalFileName): Promise<void> {
  if (file.kind !== 'segment') return;
  const waiting = await ctx.db.backup.count({ where: { serverId: server.id, status: 'WAITING_FOR_WALS' } });
  if (waiting > 0) await checkWaitingBackups({ ctx, input: { serverId: server.id, root } });
}
