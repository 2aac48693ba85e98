import { z } from 'zod';
import { route } from '@/server/http/route';
import { updateUser } from '@/server/auth/update-user';

const params = z.object({ id: z.string().uuid() });

export const PATCH = route({ auth: 'admin', params, body: z.record(z.string(), z.unknown()) }, ({ ctx, params, body }) =>
  updateUser({ ctx, input: { ...body, id: params.id } }),
);
