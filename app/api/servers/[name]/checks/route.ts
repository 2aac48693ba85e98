import { z } from 'zod';
import { route } from '@/server/http/route';
import { listCheckReports } from '@/server/checks/list-check-reports';
import { serverNameSchema } from '@/server/contracts/servers';

const params = z.object({ name: serverNameSchema });
const query = z.object({ cursor: z.string().uuid().optional(), limit: z.coerce.number().int().min(1).max(100).default(20) });

export const GET = route({ auth: 'viewer', params, query }, ({ ctx, params, query }) =>
  listCheckReports({ ctx, input: { name: params.name, ...query } }),
);
