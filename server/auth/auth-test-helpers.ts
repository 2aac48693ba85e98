import { DomainError } from '../errors/domain-error';
import { expect } from 'vitest';
// Shared by the integration tests of server/auth and server/audit; not used by production code.
import { randomUUID } from 'node:crypto';
import type { Actor, Ctx } from '../context';
import { systemActor } from '../context';
import type { Db } from '../db/client';
import type { Role, User } from '../db/generated/client';
import { logger } from '../log/logger';
import { hashPassword } from './passwords';

export const testPassword = 'correct horse battery staple';

/** A Ctx as the HTTP layer would build it, with a fresh request id. */
export function ctxFor(
  db: Db,
  actor: Actor = systemActor,
  extra: Partial<Pick<Ctx, 'ip' | 'userAgent'>> = {},
): Ctx {
  return { db, actor, requestId: randomUUID(), ip: '192.0.2.10', userAgent: 'vitest', log: logger, ...extra };
}

export const anonymous: Actor = { type: 'user', id: null, name: 'anonymous', role: 'viewer' };

export function actorOf(user: Pick<User, 'id' | 'username' | 'role'>): Actor {
  return { type: 'user', id: user.id, name: user.username, role: user.role };
}

export async function makeUser(
  db: Db,
  username: string,
  role: Role,
  options: { password?: string; disabled?: boolean } = {},
): Promise<User> {
  return db.user.create({
    data: {
      username,
      role,
      passwordHash: await hashPassword(options.password ?? testPassword),
      disabled: options.disabled ?? false,
    },
  });
}

/** Empties what these tests write, so each test starts from a catalog without users. */
export async function resetAuthTables(db: Db): Promise<void> {
  await db.$executeRawUnsafe(
    'TRUNCATE "users", "sessions", "api_tokens", "login_throttles", "audit_events", "servers" CASCADE',
  );
}

/** Awaits a promise that must reject with a DomainError, and returns that error. */
export async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}
