import { route } from '@/server/http/route';
import { listDeliveries } from '@/server/notifications/list-deliveries';
import { listDeliveriesQuery } from '@/server/contracts/notifications';

export const GET = route({ auth: 'admin', query: listDeliveriesQuery }, async ({ ctx, query }) => ({ deliveries: await listDeliveries({ ctx, input: query }) }));
