import type { Ctx } from '../context';
import { DomainError } from '../errors/domain-error';
import { recordAuditEvent } from '../audit/record-audit-event';
import { generatePassword, hashPassword, passwordProblem } from './passwords';
import { lockUsers } from './users-lock';

export type FirstAdmin = { created: boolean; username: string; password?: string };

export const firstAdminUsername = 'admin';

/**
 * On a catalog without users, creates `admin`: with CELLAR_ADMIN_PASSWORD when given, else with a
 * generated one-time password that is returned (for the caller to print once) and must be changed
 * at first sign-in. Does nothing when any user exists. Two processes starting at once serialise
 * on the users advisory lock, so exactly one creates the admin.
 */
export async function ensureFirstAdmin({
  ctx,
  input = {},
}: {
  ctx: Ctx;
  input?: { password?: string };
}): Promise<FirstAdmin> {
  const none = { created: false, username: firstAdminUsername };
  if ((await ctx.db.user.count()) > 0) return none;

  const given = input.password ?? (process.env.CELLAR_ADMIN_PASSWORD || undefined);
  const problem = given === undefined ? null : passwordProblem(given, firstAdminUsername);
  if (problem)
    throw DomainError.validation(`CELLAR_ADMIN_PASSWORD is not acceptable: ${problem}`, {
      CELLAR_ADMIN_PASSWORD: [problem],
    });
  const password = given ?? generatePassword();
  const passwordHash = await hashPassword(password);

  return ctx.db.$transaction(async (tx) => {
    await lockUsers(tx);
    if ((await tx.user.count()) > 0) return none;
    const user = await tx.user.create({
      data: {
        username: firstAdminUsername,
        passwordHash,
        role: 'admin',
        mustChangePassword: given === undefined,
      },
    });
    await recordAuditEvent(
      { ...ctx, db: tx },
      {
        action: 'user.create',
        targetType: 'user',
        targetId: user.id,
        outcome: 'success',
        details: {
          username: user.username,
          role: user.role,
          firstAdmin: true,
          passwordGenerated: given === undefined,
        },
      },
    );
    return given === undefined
      ? { created: true, username: user.username, password }
      : { created: true, username: user.username };
  });
}
