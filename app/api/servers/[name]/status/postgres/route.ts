import { z } from 'zod';
import { route } from '@/server/http/route';
import { serverNameSchema } from '@/server/contracts/servers';
import { getServerLiveStatus } from '@/server/servers/get-server-live-status';

const params = z.object({ name: serverNameSchema });

export const GET = route({ auth: 'viewer', params }, ({ ctx, params }) => getServerLiveStatus({ ctx, input: { server: params.name } }));
