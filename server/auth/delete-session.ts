import { z } from 'zod';
import type { Ctx } from '../context';
import { recordAuditEvent } from '../audit/record-audit-event';
import { parseInput } from './parse-input';
import { hashToken } from './tokens';

const logoutSchema = z.object({ token: z.string().max(200) });

/** Signs out: deletes the session of this token. Signing out twice is not an error. */
export async function deleteSession({ ctx, input }: { ctx: Ctx; input: { token: string } }): Promise<void> {
  const { token } = parseInput(logoutSchema, input);
  const tokenHash = hashToken(token);
  const session = await ctx.db.session.findUnique({
    where: { tokenHash },
    select: { id: true, user: { select: { id: true, username: true, role: true } } },
  });
  if (!session) return;
  // deleteMany: a concurrent logout of the same session may have removed it already.
  const { count } = await ctx.db.session.deleteMany({ where: { tokenHash } });
  if (count === 0) return;
  const { user } = session;
  await recordAuditEvent(ctx, {
    action: 'auth.logout',
    targetType: 'session',
    targetId: session.id,
    outcome: 'success',
    actor: { type: 'user', id: user.id, name: user.username, role: user.role },
  });
}
