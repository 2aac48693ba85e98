import { z } from 'zod';
import { route } from '@/server/http/route';
import { sharedProducer } from '@/server/queue/producer';
import { serverNameSchema } from '@/server/contracts/servers';
import { startWalRebuild } from '@/server/wal/start-wal-rebuild';

const params = z.object({ name: serverNameSchema });

export const POST = route({ auth: 'admin', params, status: 202 }, async ({ ctx, params }) => ({ run: await startWalRebuild({ ctx, producer: sharedProducer(), input: { server: params.name } }) }));
