import { z } from 'zod';
import { route } from '@/server/http/route';
import { getRun } from '@/server/runs/get-run';

const params = z.object({ id: z.string().uuid() });

export const GET = route({ auth: 'viewer', params }, ({ ctx, params }) => getRun({ ctx, input: { runId: params.id } }));
