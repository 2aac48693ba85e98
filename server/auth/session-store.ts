import type { Db, Tx } from '../db/client';
import { env } from '../config/env';
import { hashToken } from './tokens';

const dayMs = 24 * 60 * 60 * 1000;

/** Sessions last CELLAR_SESSION_DAYS from sign-in; activity does not extend them. */
export function sessionExpiry(from: Date = new Date(), days: number = env().CELLAR_SESSION_DAYS): Date {
  return new Date(from.getTime() + days * dayMs);
}

/** Signs a user out everywhere, except (optionally) the session whose token is `keepToken`. */
export async function deleteUserSessions(db: Db | Tx, userId: string, keepToken?: string): Promise<number> {
  const keep = keepToken ? { tokenHash: { not: hashToken(keepToken) } } : {};
  const { count } = await db.session.deleteMany({ where: { userId, ...keep } });
  return count;
}
