import { route } from '@/server/http/route';
import { collectMetrics } from '@/server/monitoring/collect-metrics';
import { prometheusContentType, renderPrometheus } from '@/server/monitoring/prometheus-text';

// Prometheus scrapes this with an API token (`authorization: Bearer …` in its scrape config); a
// viewer token is enough and is all it should have.
export const GET = route({ auth: 'viewer' }, async ({ ctx }) => new Response(renderPrometheus(await collectMetrics({ ctx })), { headers: { 'content-type': prometheusContentType } }));
