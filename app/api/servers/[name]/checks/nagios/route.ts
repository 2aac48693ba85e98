import { z } from 'zod';
import { route } from '@/server/http/route';
import { nagiosQuery, nagiosReport } from '@/server/checks/nagios-report';
import { serverNameSchema } from '@/server/contracts/servers';

const params = z.object({ name: serverNameSchema });

// Barman's Nagios text of the server's latest check; the plugin exit code travels in a header.
export const GET = route({ auth: 'viewer', params, query: nagiosQuery }, async ({ ctx, params, query }) => {
  const { text, exitCode } = await nagiosReport({ ctx, input: { server: params.name, maxAge: query.maxAge } });
  return new Response(text, { headers: { 'content-type': 'text/plain; charset=utf-8', 'x-nagios-exit-code': String(exitCode) } });
});
