import type { Db } from './client';
import { DomainError } from '../errors/domain-error';

// A PostgreSQL advisory lock held by an open transaction for as long as `work` runs: across
// every worker process and the web, one holder at a time, released when the work ends or when
// the process holding it dies (its connection closes). The work itself uses ordinary
// connections; the transaction only carries the lock.

const sixHoursMs = 6 * 3600_000;

export type LockOptions = {
  /** Wait up to this long for the lock; 0 tries once. */
  waitMs: number;
};

/** Runs `work` under the lock `scope`/`key`; returns `{ acquired: false }` when someone else holds it. */
export async function withAdvisoryLock<T>(db: Db, scope: string, key: string, options: LockOptions, work: () => Promise<T>): Promise<{ acquired: true; value: T } | { acquired: false }> {
  let outcome: { acquired: true; value: T } | { acquired: false } = { acquired: false };
  await db.$transaction(
    async (tx) => {
      if (!(await acquire(tx, scope, key, options.waitMs))) return;
      outcome = { acquired: true, value: await work() };
    },
    { maxWait: 10_000, timeout: sixHoursMs },
  );
  return outcome;
}

type LockTx = Pick<Db, '$queryRaw' | '$executeRawUnsafe'>;

async function acquire(tx: LockTx, scope: string, key: string, waitMs: number): Promise<boolean> {
  if (waitMs <= 0) {
    const rows = await tx.$queryRaw<{ ok: boolean }[]>`SELECT pg_try_advisory_xact_lock(hashtext(${scope}), hashtext(${key})) AS ok`;
    return rows[0]?.ok === true;
  }
  await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = ${Math.ceil(waitMs)}`);
  try {
    // The function returns void, which the client cannot read: ask for text.
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext(${scope}), hashtext(${key}))::text AS locked`;
    return true;
  } catch (error) {
    if (isLockTimeout(error)) return false;
    throw error;
  }
}

function isLockTimeout(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${JSON.stringify(error)}` : String(error);
  return text.includes('55P03') || /lock timeout/i.test(text);
}

/** withAdvisoryLock that answers 409 when the lock stays taken. */
export async function underAdvisoryLock<T>(db: Db, scope: string, key: string, waitMs: number, busy: string, work: () => Promise<T>): Promise<T> {
  const result = await withAdvisoryLock(db, scope, key, { waitMs }, work);
  if (!result.acquired) throw new DomainError('conflict', busy);
  return result.value;
}
