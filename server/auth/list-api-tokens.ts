import { z } from 'zod';
import type { Ctx } from '../context';
import type { Prisma } from '../db/generated/client';
import { actorUserId } from './actor-user';
import { parseInput } from './parse-input';
import { hasRole, requireRole } from './roles';
import { toTokenView, tokenViewSelect, type TokenView } from './token-view';
import { uuidSchema } from './user-fields';

const listTokensSchema = z.object({
  /** Admins may list anyone's tokens (all when omitted); others always get their own. */
  userId: uuidSchema('userId').optional(),
  includeRevoked: z.preprocess(
    (v) => (v === 'true' ? true : v === 'false' ? false : v),
    z.boolean().default(false),
  ),
});

/** Tokens newest first, without hashes. Revoked ones only when asked for. */
export async function listApiTokens({ ctx, input }: { ctx: Ctx; input?: unknown }): Promise<TokenView[]> {
  const { userId, includeRevoked } = parseInput(listTokensSchema, input ?? {});
  const where: Prisma.ApiTokenWhereInput = includeRevoked ? {} : { revokedAt: null };
  if (hasRole(ctx.actor, 'admin')) {
    if (userId) where.userId = userId;
  } else {
    const own = await actorUserId(ctx);
    if (!own) return [];
    if (userId && userId !== own) requireRole(ctx.actor, 'admin', "list other users' tokens");
    where.userId = own;
  }
  const rows = await ctx.db.apiToken.findMany({
    where,
    select: tokenViewSelect,
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
  });
  return rows.map(toTokenView);
}
