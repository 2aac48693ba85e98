import { z } from 'zod';
import { route } from '@/server/http/route';
import { serverNameSchema } from '@/server/contracts/servers';
import { getReceiverStatus } from '@/server/wal/receiver/get-receiver-status';

const params = z.object({ name: serverNameSchema });

export const GET = route({ auth: 'viewer', params }, async ({ ctx, params }) => ({ receiver: await getReceiverStatus({ ctx, input: { server: params.name } }) }));
