import { z } from 'zod';
import { route } from '@/server/http/route';
import { DomainError } from '@/server/errors/domain-error';
import { listCheckReports } from '@/server/checks/list-check-reports';
import { formatNagios } from '@/server/checks/format-nagios';
import { serverNameSchema } from '@/server/contracts/servers';

const params = z.object({ name: serverNameSchema });

// Barman-style Nagios text of the latest check; the plugin exit code travels in a header.
export const GET = route({ auth: 'viewer', params }, async ({ ctx, params }) => {
  const { latest } = await listCheckReports({ ctx, input: { name: params.name, limit: 1 } });
  if (!latest) throw new DomainError('not_found', `Server '${params.name}' has not been checked yet. Run its checks first.`);
  const { text, exitCode } = formatNagios({ server: params.name, results: latest.results });
  return new Response(`${text}\n`, { headers: { 'content-type': 'text/plain; charset=utf-8', 'x-nagios-exit-code': String(exitCode) } });
});
