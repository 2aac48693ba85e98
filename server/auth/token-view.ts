import type { ApiToken, Role, TokenKind } from '../db/generated/client';

/** An API token as the API lists it: never its hash, never the token itself. */
export type TokenView = {
  id: string;
  name: string;
  kind: TokenKind;
  prefix: string;
  role: Role;
  userId: string;
  username: string;
  serverId: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
};

/** Returned once, at creation: the only time the plain token exists outside its owner's hands. */
export type CreatedToken = TokenView & { token: string };

export const tokenViewSelect = {
  id: true,
  name: true,
  kind: true,
  prefix: true,
  role: true,
  userId: true,
  serverId: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
  user: { select: { username: true } },
} as const;

type TokenRow = Omit<ApiToken, 'tokenHash'> & { user: { username: string } };

export function toTokenView(t: TokenRow): TokenView {
  return {
    id: t.id,
    name: t.name,
    kind: t.kind,
    prefix: t.prefix,
    role: t.role,
    userId: t.userId,
    username: t.user.username,
    serverId: t.serverId,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    expiresAt: t.expiresAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}
