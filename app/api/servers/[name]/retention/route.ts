import { z } from 'zod';
import { route } from '@/server/http/route';
import { sharedProducer } from '@/server/queue/producer';
import { applyRetentionInput } from '@/server/contracts/retention';
import { serverNameSchema } from '@/server/contracts/servers';
import { previewRetention } from '@/server/retention/preview-retention';
import { startRetention } from '@/server/retention/start-retention';

const params = z.object({ name: serverNameSchema });

/** The dry run: each backup's retention status and reason, and what applying it now deletes. */
export const GET = route({ auth: 'viewer', params }, ({ ctx, params }) => previewRetention({ ctx, input: { server: params.name } }));

/** Applies the policy now, as a run; `backupIds` limits it to the preview the user confirmed. */
export const POST = route({ auth: 'operator', params, body: applyRetentionInput, status: 202 }, async ({ ctx, params, body }) => ({
  run: await startRetention({ ctx, producer: sharedProducer(), input: { server: params.name, body } }),
}));
