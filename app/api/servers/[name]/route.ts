import { z } from 'zod';
import { route } from '@/server/http/route';
import { getServer } from '@/server/servers/get-server';
import { updateServer } from '@/server/servers/update-server';
import { deleteServer } from '@/server/servers/delete-server';
import { serverNameSchema, updateServerInput } from '@/server/contracts/servers';

const params = z.object({ name: serverNameSchema });

export const GET = route({ auth: 'viewer', params }, ({ ctx, params }) => getServer({ ctx, input: params }));

export const PATCH = route({ auth: 'operator', params, body: updateServerInput }, ({ ctx, params, body }) =>
  updateServer({ ctx, input: { name: params.name, changes: body } }),
);

export const DELETE = route({ auth: 'admin', params }, async ({ ctx, params }) => {
  await deleteServer({ ctx, input: params });
  return { ok: true };
});
