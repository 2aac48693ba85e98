import { route } from '@/server/http/route';
import { json } from '@/server/http/respond';
import { clearSessionCookie } from '@/server/http/session-cookie';
import { sessionCookie } from '@/server/http/authenticate';
import { deleteSession } from '@/server/auth/delete-session';

export const POST = route({ auth: 'viewer' }, async ({ ctx, req }) => {
  const token = req.cookies.get(sessionCookie)?.value;
  if (token) await deleteSession({ ctx, input: { token } });
  const res = json({ ok: true }, 200, ctx.requestId);
  clearSessionCookie(res);
  return res;
});
