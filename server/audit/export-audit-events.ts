import type { Ctx } from '../context';
import { requireRole } from '../auth/roles';
import { auditWhere, parseAuditFilters } from './audit-filters';
import { toAuditEventView } from './audit-event-view';
import { auditCsvHeader, auditCsvRow } from './audit-csv';
import { recordAuditEvent } from './record-audit-event';

const batchSize = 500;

/**
 * Every event matching the filters as CSV, newest first, yielded in chunks so a route can stream
 * a large export without holding it in memory. Filters are checked before the first chunk.
 */
export async function exportAuditEvents({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: unknown;
}): Promise<AsyncGenerator<string>> {
  // Whoever may read the trail may take it away as CSV; the export itself is recorded below.
  requireRole(ctx.actor, 'viewer', 'export the audit trail');
  const filters = parseAuditFilters(input);
  const where = auditWhere(filters);
  // Reading the whole trail out is itself worth a line in it.
  await recordAuditEvent(ctx, { action: 'audit.export', outcome: 'success', details: { filters } });
  return (async function* () {
    yield auditCsvHeader();
    let cursor: bigint | undefined;
    for (;;) {
      const rows = await ctx.db.auditEvent.findMany({
        where: cursor === undefined ? where : { AND: [where, { id: { lt: cursor } }] },
        orderBy: { id: 'desc' },
        take: batchSize,
      });
      if (rows.length) yield rows.map((row) => auditCsvRow(toAuditEventView(row))).join('');
      const last = rows.at(-1);
      if (rows.length < batchSize || !last) return;
      cursor = last.id;
    }
  })();
}
