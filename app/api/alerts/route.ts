import { route } from '@/server/http/route';
import { listAlerts } from '@/server/alerts/list-alerts';
import { listAlertsQuery } from '@/server/contracts/alerts';

export const GET = route({ auth: 'viewer', query: listAlertsQuery }, ({ ctx, query }) => listAlerts({ ctx, input: query }));
