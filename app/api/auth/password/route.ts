import { z } from 'zod';
import { route } from '@/server/http/route';
import { sessionCookie } from '@/server/http/authenticate';
import { changePassword } from '@/server/auth/change-password';

const body = z.object({ currentPassword: z.string().optional(), newPassword: z.string() }).strict();

export const POST = route({ auth: 'viewer', body }, async ({ ctx, req, body }) => {
  await changePassword({ ctx, input: { ...body, keepSessionToken: req.cookies.get(sessionCookie)?.value } });
  return { ok: true };
});
