import { route } from '@/server/http/route';
import { listRuns } from '@/server/runs/list-runs';
import { listRunsQuery } from '@/server/contracts/runs';

export const GET = route({ auth: 'viewer', query: listRunsQuery }, ({ ctx, query }) => listRuns({ ctx, input: query }));
