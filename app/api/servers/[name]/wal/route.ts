import { z } from 'zod';
import { route } from '@/server/http/route';
import { serverNameSchema } from '@/server/contracts/servers';
import { repositoryRoot } from '@/server/repository/repository-root';
import { getWalStatus } from '@/server/wal/get-wal-status';

const params = z.object({ name: serverNameSchema });

export const GET = route({ auth: 'viewer', params }, ({ ctx, params }) => getWalStatus({ ctx, input: { server: params.name, root: repositoryRoot() } }));
