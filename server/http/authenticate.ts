import type { NextRequest } from 'next/server';
import type { Actor } from '../context';
import type { Db } from '../db/client';
import { resolveApiToken } from '../auth/resolve-api-token';
import { resolveSession } from '../auth/resolve-session';

export const sessionCookie = 'cellar_session';

/** A browser session cookie or an `Authorization: Bearer <token>` header; null when neither is valid. */
export type Authenticated = { actor: Actor; via: 'session' | 'token'; mustChangePassword: boolean };

/**
 * `walArchiveServer`: on the WAL push and get endpoints, a server's WAL archive token (the one
 * that sits on the database host) is accepted too, for that server only.
 */
export async function authenticate(db: Db, req: NextRequest, options: { walArchiveServer?: string } = {}): Promise<Authenticated | null> {
  const header = req.headers.get('authorization');
  if (header?.toLowerCase().startsWith('bearer ')) {
    const token = header.slice(7).trim();
    const actor = (await resolveApiToken(db, token)) ?? (options.walArchiveServer ? await resolveWalToken(db, token, options.walArchiveServer) : null);
    return actor ? { actor, via: 'token', mustChangePassword: false } : null;
  }
  const cookie = req.cookies.get(sessionCookie)?.value;
  if (!cookie) return null;
  const session = await resolveSession(db, cookie);
  if (!session) return null;
  const { user } = session;
  return { actor: { type: 'user', id: user.id, name: user.username, role: user.role }, via: 'session', mustChangePassword: user.mustChangePassword };
}

async function resolveWalToken(db: Db, token: string, serverName: string) {
  const server = await db.server.findUnique({ where: { name: serverName }, select: { id: true } });
  return server ? resolveApiToken(db, token, { kind: 'wal_archive', serverId: server.id }) : null;
}
