import { route } from '@/server/http/route';
import { diagnose } from '@/server/monitoring/diagnose';

// `barman diagnose`: configuration, host and per-server state in one JSON document, for support.
export const GET = route({ auth: 'admin' }, ({ ctx }) => diagnose({ ctx }));
