import { z } from 'zod';
import { route } from '@/server/http/route';
import { forgetKnownHost } from '@/server/recovery/forget-known-host';

const params = z.object({ hostPort: z.string().min(3).max(300) });

export const DELETE = route({ auth: 'admin', params }, ({ ctx, params }) => forgetKnownHost({ ctx, input: { hostPort: params.hostPort } }));
