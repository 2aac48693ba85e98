// Types for the test-only Prometheus text parser (the package ships none).
declare module 'parse-prometheus-text-format' {
  export type ParsedMetric = { value: string; labels?: Record<string, string> };
  export type ParsedFamily = { name: string; help: string; type: 'GAUGE' | 'COUNTER' | 'SUMMARY' | 'HISTOGRAM' | 'UNTYPED'; metrics: ParsedMetric[] };
  export default function parsePrometheusTextFormat(text: string): ParsedFamily[];
}
