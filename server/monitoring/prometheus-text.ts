// Prometheus' text exposition format (version 0.0.4): one HELP and TYPE per family, then its
// samples. Pure: the collectors build families, this writes them.

export type MetricSample = { labels?: Record<string, string>; value: number };
export type MetricFamily = { name: string; help: string; type: 'gauge' | 'counter'; samples: MetricSample[] };

export const prometheusContentType = 'text/plain; version=0.0.4; charset=utf-8';

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function renderPrometheus(families: MetricFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    if (!metricName.test(family.name)) throw new Error(`"${family.name}" is not a valid metric name`);
    lines.push(`# HELP ${family.name} ${family.help.replaceAll('\\', '\\\\').replaceAll('\n', '\\n')}`);
    lines.push(`# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) lines.push(`${family.name}${labelsText(sample.labels)} ${valueText(sample.value)}`);
  }
  return `${lines.join('\n')}\n`;
}

function labelsText(labels: Record<string, string> | undefined): string {
  const entries = Object.entries(labels ?? {});
  if (!entries.length) return '';
  for (const [name] of entries) if (!labelName.test(name)) throw new Error(`"${name}" is not a valid label name`);
  return `{${entries.map(([k, v]) => `${k}="${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`).join(',')}}`;
}

function valueText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
