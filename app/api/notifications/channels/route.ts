import { z } from 'zod';
import { route } from '@/server/http/route';
import { createChannel } from '@/server/notifications/create-channel';
import { listChannels } from '@/server/notifications/list-channels';

export const GET = route({ auth: 'admin' }, async ({ ctx }) => ({ channels: await listChannels({ ctx }) }));

// The verb parses the body (a discriminated union on `kind`) so its messages name the fields.
export const POST = route({ auth: 'admin', body: z.unknown(), status: 201 }, ({ ctx, body }) => createChannel({ ctx, input: body as Parameters<typeof createChannel>[0]['input'] }));
