import { z } from 'zod';
import { route } from '@/server/http/route';
import { serverNameSchema } from '@/server/contracts/servers';
import { getFleet } from '@/server/fleet/get-fleet';

const query = z.object({ server: serverNameSchema.optional() });

export const GET = route({ auth: 'viewer', query }, ({ ctx, query }) => getFleet({ ctx, input: query }));
