import { z } from 'zod';
import type { Ctx } from '../context';
import { DomainError } from '../errors/domain-error';
import { recordAuditEvent } from '../audit/record-audit-event';
import { actorUserId } from './actor-user';
import { parseInput } from './parse-input';
import { hasRole } from './roles';
import { toTokenView, tokenViewSelect, type TokenView } from './token-view';
import { uuidSchema } from './user-fields';

const revokeSchema = z.object({ id: uuidSchema('id') });

/**
 * Revokes a token at once (the next request with it is refused). The row stays, so the audit
 * trail and the console can still say which token did what. Revoking twice changes nothing.
 */
export async function revokeApiToken({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<TokenView> {
  const { id } = parseInput(revokeSchema, input);
  const token = await ctx.db.apiToken.findUnique({ where: { id }, select: tokenViewSelect });
  // Someone else's token answers "does not exist" to a non-admin: ids are not for probing.
  if (!token || (!hasRole(ctx.actor, 'admin') && token.userId !== (await actorUserId(ctx))))
    throw DomainError.notFound('Token', id);
  if (token.revokedAt) return toTokenView(token);
  await ctx.db.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  const revoked = await ctx.db.apiToken.findUniqueOrThrow({ where: { id }, select: tokenViewSelect });
  await recordAuditEvent(ctx, {
    action: 'token.revoke',
    targetType: 'token',
    targetId: id,
    outcome: 'success',
    details: { name: token.name, kind: token.kind, owner: token.user.username, prefix: token.prefix },
  });
  return toTokenView(revoked);
}
