import type { Actor } from '../context';
import type { Db } from '../db/client';
import type { TokenKind } from '../db/generated/client';
import { lowerRole } from './roles';
import { apiTokenPrefix, hashToken, looksLikeToken } from './tokens';

export type TokenScope = { kind: 'api' } | { kind: 'wal_archive'; serverId: string };

// lastUsedAt tells an admin whether a token is still in use; to the minute is enough.
const touchEveryMs = 60_000;

/**
 * The actor a Bearer token stands for, or null when it is unknown, revoked, expired, of another
 * kind, or its owner is disabled. By default only general `api` tokens resolve: a WAL archive
 * token sits on a database host and must never open the rest of the API. The role is the lower
 * of the token's and its owner's today, so demoting a user demotes their tokens too.
 */
export async function resolveApiToken(
  db: Db,
  token: string,
  scope: TokenScope = { kind: 'api' },
): Promise<Actor | null> {
  if (!looksLikeToken(token, apiTokenPrefix)) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      name: true,
      kind: true,
      role: true,
      serverId: true,
      expiresAt: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { username: true, role: true, disabled: true } },
    },
  });
  const now = new Date();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now) || row.user.disabled) return null;
  if (!matchesScope(row.kind, row.serverId, scope)) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= touchEveryMs) {
    const staleBefore = new Date(now.getTime() - touchEveryMs);
    await db.apiToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] },
      data: { lastUsedAt: now },
    });
  }
  return {
    type: 'token',
    id: row.id,
    name: `${row.user.username}/${row.name}`,
    role: lowerRole(row.role, row.user.role),
  };
}

function matchesScope(kind: TokenKind, serverId: string | null, scope: TokenScope): boolean {
  if (kind !== scope.kind) return false;
  return scope.kind === 'api' || serverId === scope.serverId;
}
