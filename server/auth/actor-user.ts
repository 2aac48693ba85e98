import type { Ctx } from '../context';

/**
 * The user an actor acts for: the user itself, or the owner of the API token in use. Null for
 * Cellar's own system actor and for anonymous requests.
 */
export async function actorUserId(ctx: Ctx): Promise<string | null> {
  if (ctx.actor.type === 'user') return ctx.actor.id;
  if (ctx.actor.type !== 'token' || !ctx.actor.id) return null;
  const token = await ctx.db.apiToken.findUnique({ where: { id: ctx.actor.id }, select: { userId: true } });
  return token?.userId ?? null;
}
