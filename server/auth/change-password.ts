import { z } from 'zod';
import type { Ctx } from '../context';
import { DomainError } from '../errors/domain-error';
import { recordAuditEvent } from '../audit/record-audit-event';
import { parseInput } from './parse-input';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';
import { requireRole } from './roles';
import { deleteUserSessions } from './session-store';
import { assertNotThrottled, recordLoginFailure, throttleKeys } from './throttle';
import { uuidSchema } from './user-fields';

const changePasswordSchema = z.object({
  /** Whose password; omitted means the caller's own. */
  userId: uuidSchema('userId').optional(),
  currentPassword: z.string().max(1024).optional(),
  newPassword: z.string({ message: 'Enter the new password.' }),
  /** The caller's own session token: that session stays signed in, every other one is ended. */
  keepSessionToken: z.string().max(200).optional(),
});

/**
 * Your own password needs your current one (a borrowed, unlocked browser must not be enough to
 * take over the account); an admin may reset anyone else's, and that user must then choose a new
 * one at next sign-in. Either way the user's other sessions end.
 */
export async function changePassword({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  const data = parseInput(changePasswordSchema, input, 'The password cannot be changed as asked.');
  if (ctx.actor.type !== 'user' || !ctx.actor.id) {
    throw new DomainError(
      'forbidden',
      'Passwords are changed by a signed-in user; sign in to the console to do it.',
    );
  }
  const own = !data.userId || data.userId === ctx.actor.id;
  if (!own) requireRole(ctx.actor, 'admin', "reset other users' passwords");
  const user = await ctx.db.user.findUnique({ where: { id: data.userId ?? ctx.actor.id } });
  if (!user) throw DomainError.notFound('User', data.userId ?? ctx.actor.id);

  if (own) await checkCurrentPassword(ctx, user, data.currentPassword);
  const problem = passwordProblem(data.newPassword, user.username);
  if (problem)
    throw DomainError.validation('The new password is not acceptable.', { newPassword: [problem] });
  if (own && (await verifyPassword(user.passwordHash, data.newPassword))) {
    throw DomainError.validation('The new password is the same as the current one.', {
      newPassword: ['Choose a password different from the current one.'],
    });
  }

  const passwordHash = await hashPassword(data.newPassword);
  await ctx.db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: !own } });
    const signedOut = await deleteUserSessions(tx, user.id, own ? data.keepSessionToken : undefined);
    await recordAuditEvent(
      { ...ctx, db: tx },
      {
        action: own ? 'user.password_change' : 'user.password_reset',
        targetType: 'user',
        targetId: user.id,
        outcome: 'success',
        details: { username: user.username, signedOut },
      },
    );
  });
}

// Wrong current passwords count against the same throttle as logins: a stolen session must not
// become a way to guess the password.
async function checkCurrentPassword(
  ctx: Ctx,
  user: { id: string; username: string; passwordHash: string },
  current: string | undefined,
): Promise<void> {
  if (!current)
    throw DomainError.validation('Enter your current password.', {
      currentPassword: ['Enter your current password to confirm it is you.'],
    });
  const keys = throttleKeys(user.username, ctx.ip);
  await assertNotThrottled(ctx.db, keys);
  if (await verifyPassword(user.passwordHash, current)) return;
  await recordLoginFailure(ctx.db, keys);
  await recordAuditEvent(ctx, {
    action: 'user.password_change',
    targetType: 'user',
    targetId: user.id,
    outcome: 'failure',
    details: { username: user.username, reason: 'wrong_current_password' },
  });
  throw DomainError.validation('The current password is not right.', {
    currentPassword: ['This is not your current password; check it and try again.'],
  });
}
