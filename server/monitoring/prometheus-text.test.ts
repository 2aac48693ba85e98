import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { describe, expect, it } from 'vitest';
import { ctime } from './get-server-status';
import { renderPrometheus } from './prometheus-text';

describe('renderPrometheus', () => {
  it('writes HELP, TYPE and samples with escaped labels that a parser reads back', () => {
    const text = renderPrometheus([
      { name: 'cellar_check_status', help: 'Each check: 1 OK, 0 FAILED\nper server', type: 'gauge', samples: [{ labels: { server: 'db1', check: 'say "hi" \\ there' }, value: 1 }, { labels: { server: 'db1', check: 'wal_level' }, value: 0 }] },
      { name: 'cellar_repository_days_left', help: 'Days left.', type: 'gauge', samples: [{ labels: { k: 'a' }, value: Infinity }, { labels: { k: 'b' }, value: 2.5 }] },
    ]);
    expect(text.split('\n').slice(0, 4)).toEqual([
      '# HELP cellar_check_status Each check: 1 OK, 0 FAILED\\nper server',
      '# TYPE cellar_check_status gauge',
      'cellar_check_status{server="db1",check="say \\"hi\\" \\\\ there"} 1',
      'cellar_check_status{server="db1",check="wal_level"} 0',
    ]);
    const parsed = parsePrometheusTextFormat(text);
    expect(parsed[0]?.metrics[0]).toEqual({ value: '1', labels: { server: 'db1', check: 'say "hi" \\ there' } });
    expect(parsed[1]?.metrics.map((m) => m.value)).toEqual(['+Inf', '2.5']);
  });

  it('refuses names Prometheus would not accept', () => {
    expect(() => renderPrometheus([{ name: 'cellar-bad', help: 'x', type: 'gauge', samples: [] }])).toThrow(/not a valid metric name/);
    expect(() => renderPrometheus([{ name: 'ok', help: 'x', type: 'gauge', samples: [{ labels: { 'a-b': 'x' }, value: 1 }] }])).toThrow(/not a valid label name/);
  });
});

describe('ctime', () => {
  it('is Python’s datetime.ctime(), day padded with a space', () => {
    expect(ctime(new Date('2024-06-22T08:47:02Z'))).toBe('Sat Jun 22 08:47:02 2024');
    expect(ctime(new Date('2024-06-02T18:07:09Z'))).toBe('Sun Jun  2 18:07:09 2024');
  });
});
