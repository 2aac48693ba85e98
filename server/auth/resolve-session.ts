import type { Db } from '../db/client';
import { authUserSelect, toAuthUser, type AuthUser } from './user-view';
import { hashToken, looksLikeToken, sessionTokenPrefix } from './tokens';

export type ResolvedSession = {
  session: { id: string; createdAt: Date; lastSeenAt: Date; expiresAt: Date };
  user: AuthUser;
};

// lastSeenAt is for the console's "active sessions" list; a write per request would be waste.
const touchEveryMs = 60_000;

/** The session a cookie token belongs to, or null when it is unknown, expired, or its user is disabled. */
export async function resolveSession(db: Db, token: string): Promise<ResolvedSession | null> {
  if (!looksLikeToken(token, sessionTokenPrefix)) return null;
  const row = await db.session.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      createdAt: true,
      lastSeenAt: true,
      expiresAt: true,
      user: { select: { ...authUserSelect, disabled: true } },
    },
  });
  const now = new Date();
  if (!row || row.expiresAt <= now || row.user.disabled) return null;
  let lastSeenAt = row.lastSeenAt;
  if (now.getTime() - lastSeenAt.getTime() >= touchEveryMs) {
    // Conditional, so concurrent requests of one session write it once.
    await db.session.updateMany({
      where: { id: row.id, lastSeenAt: { lt: new Date(now.getTime() - touchEveryMs) } },
      data: { lastSeenAt: now },
    });
    lastSeenAt = now;
  }
  return {
    session: { id: row.id, createdAt: row.createdAt, lastSeenAt, expiresAt: row.expiresAt },
    user: toAuthUser(row.user),
  };
}
