import { z } from 'zod';
import { route } from '@/server/http/route';
import { serverNameSchema } from '@/server/contracts/servers';
import { planRestoreInput } from '@/server/contracts/recovery';
import { planRestore } from '@/server/recovery/plan-restore';
import { repositoryRoot } from '@/server/repository/repository-root';

const params = z.object({ name: serverNameSchema });

// A dry run: 200 with ok false and the problems when the target cannot be reached.
export const POST = route({ auth: 'viewer', params, body: planRestoreInput }, ({ ctx, params, body }) =>
  planRestore({ ctx, root: repositoryRoot(), input: { server: params.name, plan: body } }),
);
