import { route } from '@/server/http/route';
import { getAlertSummary } from '@/server/alerts/get-alert-summary';

export const GET = route({ auth: 'viewer' }, ({ ctx }) => getAlertSummary({ ctx }));
