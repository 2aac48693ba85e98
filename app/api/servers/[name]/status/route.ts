import { z } from 'zod';
import { route } from '@/server/http/route';
import { getServerStatus } from '@/server/monitoring/get-server-status';
import { serverNameSchema } from '@/server/contracts/servers';

const params = z.object({ name: serverNameSchema });

// `barman -f json status <server>`.
export const GET = route({ auth: 'viewer', params }, ({ ctx, params }) => getServerStatus({ ctx, input: { servers: [params.name] } }));
