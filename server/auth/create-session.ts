import { z } from 'zod';
import type { Ctx } from '../context';
import { DomainError } from '../errors/domain-error';
import { recordAuditEvent } from '../audit/record-audit-event';
import { parseInput } from './parse-input';
import {
  hashPassword,
  needsRehash,
  passwordMaxLength,
  verifyAgainstNothing,
  verifyPassword,
} from './passwords';
import { assertNotThrottled, clearLoginFailures, recordLoginFailure, throttleKeys } from './throttle';
import { generateSessionToken, hashToken } from './tokens';
import { sessionExpiry } from './session-store';
import { toAuthUser, type AuthUser } from './user-view';

const loginSchema = z.object({
  username: z
    .string({ message: 'Enter your username.' })
    .trim()
    .toLowerCase()
    .min(1, { message: 'Enter your username.' })
    .max(200),
  password: z
    .string({ message: 'Enter your password.' })
    .min(1, { message: 'Enter your password.' })
    .max(passwordMaxLength, { message: 'Wrong username or password.' }),
});

export type NewSession = { token: string; user: AuthUser; expiresAt: Date };

const wrongCredentials =
  'Wrong username or password. Check both and try again; after 5 failed attempts, signing in is paused for 15 minutes.';

/** Signs in: checks the throttle and the password, then opens a session and returns its token once. */
export async function createSession({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<NewSession> {
  const { username, password } = parseInput(loginSchema, input, 'Enter your username and password.');
  const keys = throttleKeys(username, ctx.ip);
  const audit = (outcome: 'failure' | 'denied', reason: string, userId?: string) =>
    recordAuditEvent(ctx, {
      action: 'auth.login',
      targetType: 'user',
      targetId: userId ?? username,
      outcome,
      details: { username, reason },
    });

  try {
    await assertNotThrottled(ctx.db, keys);
  } catch (error) {
    await audit('denied', 'throttled');
    throw error;
  }

  const user = await ctx.db.user.findUnique({ where: { username } });
  const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstNothing(password);
  if (!user || !ok) {
    await recordLoginFailure(ctx.db, keys);
    await audit('failure', user ? 'wrong_password' : 'unknown_user', user?.id);
    throw new DomainError('unauthenticated', wrongCredentials);
  }
  // Said only to someone who knows the password; it does not help a guesser.
  if (user.disabled) {
    await audit('failure', 'disabled', user.id);
    throw new DomainError('forbidden', 'Your account is disabled. Ask an administrator to enable it.');
  }

  await clearLoginFailures(ctx.db, username);
  const token = generateSessionToken();
  const expiresAt = sessionExpiry();
  const passwordHash = needsRehash(user.passwordHash) ? await hashPassword(password) : undefined;
  const [, updated] = await ctx.db.$transaction([
    ctx.db.session.create({
      data: {
        tokenHash: hashToken(token),
        userId: user.id,
        ip: ctx.ip ?? null,
        userAgent: ctx.userAgent ?? null,
        expiresAt,
      },
    }),
    ctx.db.user.update({
      where: { id: user.id },
      data: { lastLoginAt: new Date(), ...(passwordHash ? { passwordHash } : {}) },
    }),
  ]);
  const actor = { type: 'user' as const, id: user.id, name: user.username, role: user.role };
  await recordAuditEvent(ctx, {
    action: 'auth.login',
    targetType: 'user',
    targetId: user.id,
    outcome: 'success',
    actor,
  });
  return { token, user: toAuthUser(updated), expiresAt };
}
