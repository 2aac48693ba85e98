import { z } from 'zod';
import { route } from '@/server/http/route';
import { serverNameSchema } from '@/server/contracts/servers';
import { getServerStatus } from '@/server/servers/get-server-status';

const params = z.object({ name: serverNameSchema });

export const GET = route({ auth: 'viewer', params }, ({ ctx, params }) => getServerStatus({ ctx, input: { server: params.name } }));
