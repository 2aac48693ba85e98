import { z } from 'zod';
import { route } from '@/server/http/route';
import { serverNameSchema } from '@/server/contracts/servers';
import { recoveryWindowQuery } from '@/server/contracts/recovery';
import { getRecoveryWindow } from '@/server/recovery/get-recovery-window';
import { repositoryRoot } from '@/server/repository/repository-root';

const params = z.object({ name: serverNameSchema });

export const GET = route({ auth: 'viewer', params, query: recoveryWindowQuery }, ({ ctx, params, query }) =>
  getRecoveryWindow({ ctx, root: repositoryRoot(), input: { server: params.name, timeline: query.timeline, buckets: query.buckets } }),
);
