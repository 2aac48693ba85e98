import { z } from 'zod';
import { route } from '@/server/http/route';
import { deleteChannel } from '@/server/notifications/delete-channel';
import { updateChannel } from '@/server/notifications/update-channel';
import { updateChannelInput } from '@/server/contracts/notifications';

const params = z.object({ id: z.string().uuid() });

export const PATCH = route({ auth: 'admin', params, body: updateChannelInput }, ({ ctx, params, body }) => updateChannel({ ctx, input: { id: params.id, ...body } }));

export const DELETE = route({ auth: 'admin', params }, async ({ ctx, params }) => {
  await deleteChannel({ ctx, input: { id: params.id } });
  return { ok: true };
});
