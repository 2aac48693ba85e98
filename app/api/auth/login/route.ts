import { z } from 'zod';
import { route } from '@/server/http/route';
import { json } from '@/server/http/respond';
import { setSessionCookie } from '@/server/http/session-cookie';
import { createSession } from '@/server/auth/create-session';

export const POST = route({ auth: 'public', body: z.unknown() }, async ({ ctx, body }) => {
  const session = await createSession({ ctx, input: body });
  const res = json({ user: session.user }, 200, ctx.requestId);
  setSessionCookie(res, session.token, session.expiresAt);
  return res;
});
