import { z } from 'zod';
import { route } from '@/server/http/route';
import { listUsers } from '@/server/auth/list-users';
import { createUser } from '@/server/auth/create-user';

export const GET = route({ auth: 'admin' }, async ({ ctx }) => ({ users: await listUsers({ ctx }) }));

export const POST = route({ auth: 'admin', body: z.unknown(), status: 201 }, ({ ctx, body }) => createUser({ ctx, input: body }));
