import { z } from 'zod';
import { route } from '@/server/http/route';
import { serverNameSchema } from '@/server/contracts/servers';
import { testSshDestinationInput } from '@/server/contracts/ssh-destination';
import { testSshDestination } from '@/server/recovery/test-ssh-destination';

const params = z.object({ name: serverNameSchema });

// Operators: it logs in with the server's stored SSH credentials (only to a trusted host key).
export const POST = route(
  { auth: 'operator', params, body: testSshDestinationInput },
  ({ ctx, params, body }) => testSshDestination({ ctx, input: { server: params.name, request: body } }),
);
