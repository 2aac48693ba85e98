import type { Ctx } from '../context';
import { requireRole } from './roles';
import { toUserView, type UserView } from './user-view';

export async function listUsers({ ctx }: { ctx: Ctx; input?: unknown }): Promise<UserView[]> {
  requireRole(ctx.actor, 'admin', 'list users');
  const users = await ctx.db.user.findMany({ orderBy: { username: 'asc' } });
  return users.map(toUserView);
}
