import { Prisma } from '../db/generated/client';
import type { Db, Tx } from '../db/client';
import { DomainError } from '../errors/domain-error';

/** After `maxFailures` failed logins within `windowSeconds`, a key is locked for `lockSeconds`. */
export const throttlePolicy = {
  maxFailures: 5,
  windowSeconds: 15 * 60,
  lockSeconds: 15 * 60,
  maxDoublings: 4,
} as const;

export function usernameKey(username: string): string {
  return `user:${username.trim().toLowerCase()}`;
}

export function addressKey(ip: string): string {
  return `ip:${ip}`;
}

/** The keys a login attempt counts against: its username, and its client address when known. */
export function throttleKeys(username: string, ip?: string): string[] {
  return ip ? [usernameKey(username), addressKey(ip)] : [usernameKey(username)];
}

// All times come from the database's clock (now()), never this process's: web processes on
// several hosts share one throttle table.

/** Throws `too_many_requests` when any key is locked, saying how long to wait. */
export async function assertNotThrottled(db: Db | Tx, keys: string[]): Promise<void> {
  const rows = await db.$queryRaw<{ seconds: number }[]>`
    SELECT ceil(extract(epoch FROM "locked_until" - now()))::int AS "seconds"
    FROM "login_throttles"
    WHERE "key" IN (${Prisma.join(keys)}) AND "locked_until" > now()`;
  const seconds = Math.max(0, ...rows.map((r) => r.seconds));
  if (seconds > 0) throw throttledError(seconds);
}

export function throttledError(seconds: number): DomainError {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return new DomainError(
    'too_many_requests',
    `Too many failed logins; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    {
      retryAfterSeconds: seconds,
    },
  );
}

/**
 * Counts one failure against each key in a single upsert (the row lock of ON CONFLICT makes
 * concurrent failures add up, never overwrite). Every `maxFailures`-th failure locks the key,
 * each lock twice as long as the one before (15, 30, 60, 120, 240 minutes). A key is forgotten
 * once its window and its last lock are both more than a window in the past.
 */
export async function recordLoginFailure(db: Db | Tx, keys: string[]): Promise<void> {
  const { maxFailures: max, windowSeconds: win, lockSeconds: lock, maxDoublings } = throttlePolicy;
  const stale = Prisma.sql`(t."window_start" < now() - make_interval(secs => ${win}::int)
    AND (t."locked_until" IS NULL OR t."locked_until" < now() - make_interval(secs => ${win}::int)))`;
  const next = Prisma.sql`(t."failures" + 1)`;
  for (const key of keys) {
    await db.$executeRaw`
      INSERT INTO "login_throttles" AS t ("key", "failures", "window_start", "locked_until")
      VALUES (${key}, 1, now(), NULL)
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN ${stale} THEN 1 ELSE ${next} END,
        "window_start" = CASE WHEN ${stale} THEN now() ELSE t."window_start" END,
        "locked_until" = CASE
          WHEN ${stale} THEN NULL
          WHEN ${next} >= ${max}::int AND (${next} - ${max}::int) % ${max}::int = 0
            THEN now() + make_interval(secs => ${lock}::int * power(2, least((${next} - ${max}::int) / ${max}::int, ${maxDoublings}::int)))
          ELSE t."locked_until" END`;
  }
}

/** A successful login forgets the username's failures (never the address's: one good account must not unlock an attacker's IP). */
export async function clearLoginFailures(db: Db | Tx, username: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: usernameKey(username) } });
}

/** Removes rows that no longer matter; for a periodic maintenance job. */
export async function pruneLoginThrottles(db: Db | Tx): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "login_throttles"
    WHERE "window_start" < now() - interval '1 day' AND ("locked_until" IS NULL OR "locked_until" < now() - interval '1 day')`;
}
