import { z } from 'zod';
import { route } from '@/server/http/route';
import { sharedProducer } from '@/server/queue/producer';
import { serverNameSchema } from '@/server/contracts/servers';
import { startRestoreVerifyInput } from '@/server/contracts/recovery';
import { startRestoreVerify } from '@/server/recovery/start-restore-verify';
import { repositoryRoot } from '@/server/repository/repository-root';

const params = z.object({ name: serverNameSchema });

export const POST = route({ auth: 'operator', params, body: startRestoreVerifyInput, status: 202 }, async ({ ctx, params, body }) => ({
  run: await startRestoreVerify({ ctx, producer: sharedProducer(), root: repositoryRoot(), input: { server: params.name, request: body } }),
}));
