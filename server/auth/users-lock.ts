import type { Tx } from '../db/client';

// One transaction-scoped advisory lock serialises every change to the set of admins (first-admin
// creation, demotion, disabling), so two concurrent requests cannot both see "another admin
// remains" and leave none. Any constant works if every process uses the same one; migrations use 72_707_301.
const usersLockKey = 72_707_302;

export async function lockUsers(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${usersLockKey}::bigint)`;
}
