import { z } from 'zod';
import type { Ctx } from '../context';
import { DomainError } from '../errors/domain-error';
import { isUniqueViolation } from '../db/errors';
import { recordAuditEvent } from '../audit/record-audit-event';
import { parseInput } from './parse-input';
import { hashPassword, passwordProblem } from './passwords';
import { requireRole } from './roles';
import { roleSchema, usernameSchema } from './user-fields';
import { toUserView, type UserView } from './user-view';

const createUserSchema = z.object({
  username: usernameSchema,
  password: z.string({ message: 'Enter a password.' }),
  role: roleSchema,
  /** Make the user choose their own password at first sign-in (default: yes, the admin chose this one). */
  mustChangePassword: z.boolean().default(true),
});

export async function createUser({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<UserView> {
  requireRole(ctx.actor, 'admin', 'create users');
  const data = parseInput(createUserSchema, input, 'The user cannot be created as asked.');
  const problem = passwordProblem(data.password, data.username);
  if (problem) throw DomainError.validation('The password is not acceptable.', { password: [problem] });
  try {
    const user = await ctx.db.user.create({
      data: {
        username: data.username,
        passwordHash: await hashPassword(data.password),
        role: data.role,
        mustChangePassword: data.mustChangePassword,
      },
    });
    await recordAuditEvent(ctx, {
      action: 'user.create',
      targetType: 'user',
      targetId: user.id,
      outcome: 'success',
      details: { username: user.username, role: user.role },
    });
    return toUserView(user);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError('conflict', `A user named '${data.username}' already exists.`, {
        fields: { username: [`'${data.username}' is taken; choose another username.`] },
      });
    }
    throw error;
  }
}
