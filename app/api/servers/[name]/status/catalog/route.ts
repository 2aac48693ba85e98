import { z } from 'zod';
import { route } from '@/server/http/route';
import { serverNameSchema } from '@/server/contracts/servers';
import { getServerCatalogStatus } from '@/server/servers/get-server-catalog-status';

const params = z.object({ name: serverNameSchema });

export const GET = route({ auth: 'viewer', params }, ({ ctx, params }) => getServerCatalogStatus({ ctx, input: { server: params.name } }));
