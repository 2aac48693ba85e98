import { z } from 'zod';
import { route } from '@/server/http/route';
import { serverNameSchema } from '@/server/contracts/servers';
import { walTimelineQuery } from '@/server/contracts/wal';
import { getWalTimeline } from '@/server/wal/get-wal-timeline';

const params = z.object({ name: serverNameSchema });

export const GET = route({ auth: 'viewer', params, query: walTimelineQuery }, ({ ctx, params, query }) => getWalTimeline({ ctx, input: { server: params.name, query } }));
