import { z } from 'zod';
import { route } from '@/server/http/route';
import { revokeApiToken } from '@/server/auth/revoke-api-token';

const params = z.object({ id: z.string().uuid() });

export const DELETE = route({ auth: 'viewer', params }, ({ ctx, params }) => revokeApiToken({ ctx, input: { id: params.id } }));
