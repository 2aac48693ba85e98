import { z } from 'zod';
import { route } from '@/server/http/route';
import { serverNameSchema } from '@/server/contracts/servers';
import { getReplicationStatus } from '@/server/wal/get-replication-status';

const params = z.object({ name: serverNameSchema });

export const GET = route({ auth: 'viewer', params }, ({ ctx, params }) => getReplicationStatus({ ctx, input: { server: params.name } }));
