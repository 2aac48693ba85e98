import { route } from '@/server/http/route';
import { listServers } from '@/server/servers/list-servers';
import { createServer } from '@/server/servers/create-server';
import { createServerInput } from '@/server/contracts/servers';

export const GET = route({ auth: 'viewer' }, async ({ ctx }) => ({ servers: await listServers({ ctx }) }));

export const POST = route({ auth: 'operator', body: createServerInput, status: 201 }, ({ ctx, body }) => createServer({ ctx, input: body }));
