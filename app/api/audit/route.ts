import { z } from 'zod';
import { route } from '@/server/http/route';
import { listAuditEvents } from '@/server/audit/list-audit-events';

export const GET = route({ auth: 'viewer', query: z.record(z.string(), z.string()) }, ({ ctx, query }) => listAuditEvents({ ctx, input: query }));
