import { z } from 'zod';
import { route } from '@/server/http/route';
import { getServerStatus } from '@/server/monitoring/get-server-status';

const query = z.object({
  /** Comma-separated server names; every server when absent. */
  servers: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined)),
});

// `barman -f json status all`: `{ server: { key: { description, message } } }`.
export const GET = route({ auth: 'viewer', query }, ({ ctx, query }) => getServerStatus({ ctx, input: { servers: query.servers } }));
