import { z } from 'zod';
import { route } from '@/server/http/route';
import { sharedProducer } from '@/server/queue/producer';
import { retryRun } from '@/server/runs/retry-run';

const params = z.object({ id: z.string().uuid() });

// The role is checked by the verb: a wal.rebuild retry needs an admin, the others an operator.
export const POST = route({ auth: 'operator', params, status: 202 }, async ({ ctx, params }) => ({ run: await retryRun({ ctx, producer: sharedProducer(), input: { runId: params.id } }) }));
