import { route } from '@/server/http/route';
import { DomainError } from '@/server/errors/domain-error';

export const GET = route({ auth: 'viewer' }, async ({ ctx }) => {
  if (!ctx.actor.id) throw new DomainError('unauthenticated', 'Sign in first.');
  const user = await ctx.db.user.findUnique({ where: { id: ctx.actor.id } });
  if (ctx.actor.type === 'token' || !user) return { user: { id: ctx.actor.id, username: ctx.actor.name, role: ctx.actor.role, mustChangePassword: false } };
  return { user: { id: user.id, username: user.username, role: user.role, mustChangePassword: user.mustChangePassword } };
});
