import { route } from '@/server/http/route';
import { listAlertRules } from '@/server/alerts/list-alert-rules';

export const GET = route({ auth: 'viewer' }, async ({ ctx }) => ({ rules: await listAlertRules({ ctx }) }));
