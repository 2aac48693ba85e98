import { z } from 'zod';
import { route } from '@/server/http/route';
import { listApiTokens } from '@/server/auth/list-api-tokens';
import { createApiToken } from '@/server/auth/create-api-token';

export const GET = route({ auth: 'viewer' }, async ({ ctx }) => ({ tokens: await listApiTokens({ ctx }) }));

export const POST = route({ auth: 'viewer', body: z.unknown(), status: 201 }, ({ ctx, body }) => createApiToken({ ctx, input: body }));
