import { z } from 'zod';
import type { Ctx } from '../context';
import { DomainError } from '../errors/domain-error';
import { recordAuditEvent } from '../audit/record-audit-event';
import { actorUserId } from './actor-user';
import { parseInput } from './parse-input';
import { hasRole, requireRole, roleRank } from './roles';
import { generateApiToken, hashToken, tokenDisplayPrefix } from './tokens';
import { toTokenView, tokenViewSelect, type CreatedToken } from './token-view';
import { roleSchema, uuidSchema } from './user-fields';

const createTokenSchema = z
  .object({
    name: z
      .string({ message: 'Name the token after where it will be used.' })
      .trim()
      .min(1, { message: 'Name the token after where it will be used, e.g. "ci" or "laptop".' })
      .max(100, { message: 'Use at most 100 characters.' }),
    kind: z.enum(['api', 'wal_archive'], { message: 'Kind must be api or wal_archive.' }).default('api'),
    role: roleSchema.optional(),
    /** Whose token it is; defaults to the caller. Only an admin may name another user. */
    userId: uuidSchema('userId').optional(),
    serverId: uuidSchema('serverId').optional(),
    expiresInDays: z.coerce
      .number()
      .int({ message: 'Use a whole number of days.' })
      .min(1, { message: 'Use at least 1 day, or leave empty for no expiry.' })
      .max(3650, { message: 'Use at most 3650 days (10 years).' })
      .optional(),
  })
  .superRefine((t, issues) => {
    if (t.kind === 'wal_archive' && !t.serverId)
      issues.addIssue({
        code: 'custom',
        path: ['serverId'],
        message: 'A WAL archive token belongs to one server; choose it.',
      });
    if (t.kind === 'api' && t.serverId)
      issues.addIssue({
        code: 'custom',
        path: ['serverId'],
        message: 'Only WAL archive tokens are bound to a server; leave it empty for an API token.',
      });
    if (t.kind === 'api' && !t.role)
      issues.addIssue({ code: 'custom', path: ['role'], message: 'Choose the role the token acts with.' });
  });

/**
 * Creates an API token and returns the plain token this once; only its SHA-256 is stored. A token
 * never gets a role above its owner's, nor above the caller's. WAL archive tokens (for
 * archive_command on a PostgreSQL host) act as operator and only for WAL pushes to their server.
 */
export async function createApiToken({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<CreatedToken> {
  const data = parseInput(createTokenSchema, input, 'The token cannot be created as asked.');
  const role = data.role ?? 'operator';
  const callerId = await actorUserId(ctx);
  const ownerId = data.userId ?? callerId;
  if (!ownerId)
    throw DomainError.validation('Say which user the token belongs to.', {
      userId: ['Choose the user who owns the token.'],
    });
  if (ownerId !== callerId) requireRole(ctx.actor, 'admin', 'create tokens for other users');
  if (data.kind === 'wal_archive') requireRole(ctx.actor, 'operator', 'create WAL archive tokens');

  const owner = await ctx.db.user.findUnique({
    where: { id: ownerId },
    select: { username: true, role: true, disabled: true },
  });
  if (!owner) throw DomainError.notFound('User', ownerId);
  if (owner.disabled)
    throw new DomainError(
      'conflict',
      `User '${owner.username}' is disabled; enable the account before giving it tokens.`,
    );
  if (!hasRole(ctx.actor, role)) {
    throw new DomainError(
      'forbidden',
      `Your role (${ctx.actor.role}) cannot create a token with role ${role}; a token's role can be at most yours.`,
    );
  }
  if (roleRank(role) > roleRank(owner.role)) {
    throw DomainError.validation(`A token cannot have more rights than its owner.`, {
      role: [`'${owner.username}' is ${owner.role}; choose ${owner.role} or lower.`],
    });
  }
  if (
    data.serverId &&
    !(await ctx.db.server.findUnique({ where: { id: data.serverId }, select: { id: true } }))
  ) {
    throw DomainError.notFound('Server', data.serverId);
  }

  const token = generateApiToken();
  const expiresAt = data.expiresInDays ? new Date(Date.now() + data.expiresInDays * 86_400_000) : null;
  const row = await ctx.db.apiToken.create({
    data: {
      name: data.name,
      kind: data.kind,
      role,
      prefix: tokenDisplayPrefix(token),
      tokenHash: hashToken(token),
      userId: ownerId,
      serverId: data.serverId ?? null,
      expiresAt,
    },
    select: tokenViewSelect,
  });
  await recordAuditEvent(ctx, {
    action: 'token.create',
    targetType: 'token',
    targetId: row.id,
    outcome: 'success',
    details: {
      name: row.name,
      kind: row.kind,
      role: row.role,
      owner: owner.username,
      serverId: row.serverId,
      expiresAt: row.expiresAt,
    },
  });
  return { ...toTokenView(row), token };
}
