import { z } from 'zod';
import { route } from '@/server/http/route';
import { exportAuditEvents } from '@/server/audit/export-audit-events';

export const GET = route({ auth: 'viewer', query: z.record(z.string(), z.string()) }, async ({ ctx, query }) => {
  const chunks = await exportAuditEvents({ ctx, input: query });
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '');
  return new Response(stream, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="cellar-audit-${stamp}.csv"` },
  });
});
