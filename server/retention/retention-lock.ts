import type { Ctx } from '../context';
import { withAdvisoryLock } from '../db/advisory-lock';

// One deletion at a time per server, across every process: a manual delete, a retention run and
// maintenance all decide which WAL goes from the backups that remain, which only holds if no
// other deletion changes that set meanwhile.

const scope = 'cellar.backup-deletion';

export function deletionLock<T>(ctx: Ctx, serverId: string, waitMs: number, work: () => Promise<T>): Promise<{ acquired: true; value: T } | { acquired: false }> {
  return withAdvisoryLock(ctx.db, scope, serverId, { waitMs }, work);
}
