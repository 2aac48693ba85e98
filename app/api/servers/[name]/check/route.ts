import { z } from 'zod';
import { route } from '@/server/http/route';
import { sharedProducer } from '@/server/queue/producer';
import { startServerCheck } from '@/server/servers/start-server-check';
import { serverNameSchema } from '@/server/contracts/servers';

const params = z.object({ name: serverNameSchema });

export const POST = route({ auth: 'operator', params, status: 202 }, async ({ ctx, params }) => ({
  run: await startServerCheck({ ctx, producer: sharedProducer(), input: params }),
}));
