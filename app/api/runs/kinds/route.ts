import { route } from '@/server/http/route';
import { jobs } from '@/server/queue/jobs';

/** Every kind of run this Cellar knows (its job registry), for the jobs page's filter. */
export const GET = route({ auth: 'viewer' }, () => Promise.resolve({ kinds: Object.keys(jobs).sort() }));
