import { route } from '@/server/http/route';
import { nagiosQuery, nagiosReport } from '@/server/checks/nagios-report';

// `barman check all --nagios`: every server's latest check in one Nagios answer.
export const GET = route({ auth: 'viewer', query: nagiosQuery }, async ({ ctx, query }) => {
  const { text, exitCode } = await nagiosReport({ ctx, input: { maxAge: query.maxAge } });
  return new Response(text, { headers: { 'content-type': 'text/plain; charset=utf-8', 'x-nagios-exit-code': String(exitCode) } });
});
