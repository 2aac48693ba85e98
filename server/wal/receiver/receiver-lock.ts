import { createHash } from 'node:crypto';
import pg from 'pg';

// Leader election per server: the receiver that holds a PostgreSQL advisory lock on the catalog
// streams the server; any other receiver process (on this host or another) waits its turn. The
// lock lives as long as its session, so it needs a connection of its own: when that connection
// is lost the catalog releases the lock, and the holder must stop at once, which `lost` signals.
// A liveness query every few seconds notices a connection that died without a word.

// Two-key form: a class id for Cellar's receivers, and 32 bits of the server's id.
const lockClass = 0x4345_4c52; // "CELR"

export function receiverLockKeys(serverId: string): [number, number] {
  return [lockClass, createHash('sha256').update(serverId).digest().readInt32BE(0)];
}

export type ReceiverLock = {
  /** Aborted when the lock can no longer be trusted (its connection failed). */
  lost: AbortSignal;
  release(): Promise<void>;
};

export async function tryReceiverLock(catalogUrl: string, serverId: string, options: { checkEveryMs?: number; timeoutMs?: number } = {}): Promise<ReceiverLock | null> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const client = new pg.Client({ connectionString: catalogUrl, application_name: 'cellar_receiver_lock', keepAlive: true, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  const lost = new AbortController();
  const loseLock = (reason: string) => lost.abort(new Error(`the catalog connection holding the receiver lock was lost (${reason})`));
  client.on('error', (error) => loseLock(error.message));
  client.on('end', () => loseLock('connection closed'));
  await client.connect();
  const [classId, objectId] = receiverLockKeys(serverId);
  let held = false;
  try {
    const { rows } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::int, $2::int) AS ok', [classId, objectId]);
    held = rows[0]?.ok === true;
  } finally {
    if (!held) await client.end().catch(() => undefined);
  }
  if (!held) return null;
  const check = setInterval(() => {
    client.query('SELECT 1').catch((error: unknown) => {
      loseLock(error instanceof Error ? error.message : String(error));
      void client.end().catch(() => undefined);
    });
  }, options.checkEveryMs ?? 2_000);
  let released = false;
  return {
    lost: lost.signal,
    async release() {
      if (released) return;
      released = true;
      clearInterval(check);
      // Closing the session releases the lock; the explicit unlock just says so sooner.
      if (!lost.signal.aborted) await client.query('SELECT pg_advisory_unlock($1::int, $2::int)', [classId, objectId]).catch(() => undefined);
      await client.end().catch(() => undefined);
    },
  };
}
