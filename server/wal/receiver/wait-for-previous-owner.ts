import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Ctx } from '../../context';
import type { ReceiverOwner } from './receiver-state';

// Fencing after taking over a server's lock. The catalog frees a lock when its connection goes,
// but the previous holder notices only at its next liveness check (every 2 s, 5 s timeout) and
// may still be writing its .partial file meanwhile. So a new holder waits until the previous
// one's heartbeat is older than that window, unless that process is known to be gone (same host,
// no such pid): a killed receiver is replaced without delay.

export const takeoverFenceMs = 12_000;

export async function waitForPreviousOwner(ctx: Ctx, serverId: string, me: ReceiverOwner, signal: AbortSignal): Promise<void> {
  const row = await ctx.db.walReceiver.findUnique({ where: { serverId }, select: { ownerHost: true, ownerPid: true, heartbeatAt: true } });
  if (!row?.heartbeatAt || !row.ownerHost || row.ownerPid === null) return;
  if (row.ownerHost === me.host && row.ownerPid === me.pid) return;
  if (row.ownerHost === os.hostname() && !isAlive(row.ownerPid)) return;
  const wait = row.heartbeatAt.getTime() + takeoverFenceMs - Date.now();
  if (wait <= 0) return;
  ctx.log.info({ serverId, previous: `${row.ownerHost}:${row.ownerPid}`, waitMs: wait }, 'WAL receiver: waiting for the previous lock holder to stop');
  await sleep(wait, undefined, { signal }).catch(() => undefined);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
