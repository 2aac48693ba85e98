import type { Server, WalReceiver } from '../../db/generated/client';
import type { ReceiverStatusView } from '../../contracts/wal';

/** A receiver reports every second; this long without a report means none is running. */
export const staleAfterMs = 15_000;

export function receiverView(server: Pick<Server, 'streamingArchiver' | 'enabled'>, row: WalReceiver | null, now = Date.now()): ReceiverStatusView | null {
  if (!row && !server.streamingArchiver) return null;
  const heartbeat = row?.heartbeatAt?.getTime() ?? null;
  const stopRequested = row?.stopRequested ?? false;
  const wanted = server.streamingArchiver && server.enabled && !stopRequested;
  return {
    wanted,
    streamingArchiver: server.streamingArchiver,
    stopRequested,
    resetRequested: row?.resetRequested ?? false,
    state: row?.state ?? 'stopped',
    stale: (wanted || (row !== null && row.state !== 'stopped')) && (heartbeat === null || now - heartbeat > staleAfterMs),
    slotName: row?.slotName ?? null,
    timeline: row?.timeline ?? null,
    receivedLsn: row?.receivedLsn ?? null,
    flushedLsn: row?.flushedLsn ?? null,
    serverLsn: row?.serverLsn ?? null,
    lagBytes: row?.lagBytes === null || row?.lagBytes === undefined ? null : Number(row.lagBytes),
    lagSeconds: row?.lagMs === null || row?.lagMs === undefined ? null : row.lagMs / 1000,
    lastError: row?.lastError ?? null,
    lastErrorAt: row?.lastErrorAt?.toISOString() ?? null,
    ownerHost: row?.ownerHost ?? null,
    ownerPid: row?.ownerPid ?? null,
    startedAt: row?.startedAt?.toISOString() ?? null,
    heartbeatAt: row?.heartbeatAt?.toISOString() ?? null,
  };
}
