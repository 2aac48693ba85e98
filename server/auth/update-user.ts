import { z } from 'zod';
import type { Ctx } from '../context';
import { DomainError } from '../errors/domain-error';
import { recordAuditEvent } from '../audit/record-audit-event';
import { parseInput } from './parse-input';
import { hashPassword, passwordProblem } from './passwords';
import { requireRole } from './roles';
import { assertAdminRemains } from './last-admin';
import { deleteUserSessions } from './session-store';
import { lockUsers } from './users-lock';
import { roleSchema, uuidSchema } from './user-fields';
import { toUserView, type UserView } from './user-view';

const updateUserSchema = z.object({
  id: uuidSchema('id'),
  role: roleSchema.optional(),
  disabled: z.boolean({ message: 'Disabled must be true or false.' }).optional(),
  /** An admin's reset of someone else's password; the user must choose a new one at next sign-in. */
  password: z.string().optional(),
});

/** An admin changes a user's role, enables or disables them, or resets their password. */
export async function updateUser({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<UserView> {
  requireRole(ctx.actor, 'admin', 'change users');
  const changes = parseInput(updateUserSchema, input, 'The user cannot be changed as asked.');
  if (changes.password !== undefined && changes.id === ctx.actor.id) {
    throw DomainError.validation('Change your own password with your current password.', {
      password: ['Use "Change password" on your account page; it asks for your current password.'],
    });
  }
  const problem = changes.password === undefined ? null : passwordProblem(changes.password);
  if (problem) throw DomainError.validation('The password is not acceptable.', { password: [problem] });
  const passwordHash = changes.password === undefined ? undefined : await hashPassword(changes.password);

  return ctx.db.$transaction(async (tx) => {
    await lockUsers(tx);
    const user = await tx.user.findUnique({ where: { id: changes.id } });
    if (!user) throw DomainError.notFound('User', changes.id);
    const next = { role: changes.role ?? user.role, disabled: changes.disabled ?? user.disabled };
    await assertAdminRemains(tx, user, next);
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { ...next, ...(passwordHash ? { passwordHash, mustChangePassword: true } : {}) },
    });
    // A disabled user or a reset password ends every open session of that user.
    const signedOut = next.disabled || passwordHash ? await deleteUserSessions(tx, user.id) : 0;
    const changed = Object.keys(changes).filter((k) => k !== 'id');
    await recordAuditEvent(
      { ...ctx, db: tx },
      {
        action: 'user.update',
        targetType: 'user',
        targetId: user.id,
        outcome: 'success',
        details: {
          username: user.username,
          changed,
          from: { role: user.role, disabled: user.disabled },
          to: next,
          signedOut,
          passwordReset: Boolean(passwordHash),
        },
      },
    );
    return toUserView(updated);
  });
}
