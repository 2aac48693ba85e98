import { z } from 'zod';
import type { Ctx } from '../context';
import { requireRole } from '../auth/roles';
import { parseInput } from '../auth/parse-input';
import { auditFiltersSchema, auditWhere } from './audit-filters';
import { toAuditEventView, type AuditEventView } from './audit-event-view';

export const auditPageMax = 200;

const pageSchema = z.object({
  cursor: z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z
      .string()
      .regex(/^\d{1,19}$/, { message: 'The cursor must be the nextCursor of a previous page.' })
      .optional(),
  ),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(auditPageMax, { message: `Ask for at most ${auditPageMax} events per page.` })
    .default(50),
});

const inputSchema = z.intersection(auditFiltersSchema, pageSchema);

export type AuditPage = { events: AuditEventView[]; nextCursor: string | null };

/**
 * Newest first, keyset-paged by id: `cursor` is the last id of the previous page, so pages stay
 * stable while new events arrive (an offset would shift under them).
 */
export async function listAuditEvents({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<AuditPage> {
  // A viewer sees everything (issue 6): the trail is read-only history, scrubbed of secrets.
  requireRole(ctx.actor, 'viewer', 'read the audit trail');
  const { cursor, limit, ...filters } = parseInput(
    inputSchema,
    input ?? {},
    'Some audit filters are not valid.',
  );
  const where = auditWhere(filters);
  const rows = await ctx.db.auditEvent.findMany({
    where: cursor ? { AND: [where, { id: { lt: BigInt(cursor) } }] } : where,
    orderBy: { id: 'desc' },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    events: page.map(toAuditEventView),
    nextCursor: rows.length > limit && last ? last.id.toString() : null,
  };
}
