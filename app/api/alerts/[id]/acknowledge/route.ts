import { z } from 'zod';
import { route } from '@/server/http/route';
import { acknowledgeAlert } from '@/server/alerts/acknowledge-alert';
import { acknowledgeAlertInput } from '@/server/contracts/alerts';

const params = z.object({ id: z.string().uuid() });

export const POST = route({ auth: 'operator', params, body: acknowledgeAlertInput }, ({ ctx, params, body }) => acknowledgeAlert({ ctx, input: { id: params.id, ...body } }));
