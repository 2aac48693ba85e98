import { z } from 'zod';
import { route } from '@/server/http/route';
import { serverNameSchema } from '@/server/contracts/servers';
import { restorePointInput } from '@/server/contracts/wal';
import { createRestorePoint } from '@/server/wal/create-restore-point';
import { listRestorePoints } from '@/server/wal/list-restore-points';

const params = z.object({ name: serverNameSchema });

export const GET = route({ auth: 'viewer', params }, ({ ctx, params }) => listRestorePoints({ ctx, input: { server: params.name } }));

export const POST = route({ auth: 'operator', params, body: restorePointInput, status: 201 }, ({ ctx, params, body }) =>
  createRestorePoint({ ctx, input: { server: params.name, name: body.name } }),
);
