import { z } from 'zod';
import { route } from '@/server/http/route';
import { sharedProducer } from '@/server/queue/producer';
import { cancelRun } from '@/server/runs/cancel-run';
import { getRun } from '@/server/runs/get-run';

const params = z.object({ id: z.string().uuid() });

export const POST = route({ auth: 'operator', params }, async ({ ctx, params }) => {
  await cancelRun({ ctx, producer: sharedProducer(), input: { runId: params.id } });
  return getRun({ ctx, input: { runId: params.id } });
});
