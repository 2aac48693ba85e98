import { z } from 'zod';
import { route } from '@/server/http/route';
import { sharedProducer } from '@/server/queue/producer';
import { serverNameSchema } from '@/server/contracts/servers';
import { startRestoreInput } from '@/server/contracts/recovery';
import { startRestore } from '@/server/recovery/start-restore';
import { repositoryRoot } from '@/server/repository/repository-root';

const params = z.object({ name: serverNameSchema });

export const POST = route({ auth: 'operator', params, body: startRestoreInput, status: 202 }, async ({ ctx, params, body }) => ({
  run: await startRestore({ ctx, producer: sharedProducer(), root: repositoryRoot(), input: { server: params.name, request: body } }),
}));
