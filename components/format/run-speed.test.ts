import { describe, expect, it } from 'vitest';
import { runSpeed } from './run-speed';

const start = Date.parse('2026-12-01T10:00:00Z');
const base = { status: 'running', startedAt: new Date(start).toISOString(), progressNote: null };

describe('runSpeed', () => {
  it("prefers the worker's own rate and ETA", () => {
    expect(runSpeed({ ...base, progressDone: 1, progressTotal: 2, progressNote: 'base/1/2 · 12.3 MB/s · ETA 185 s' }, start + 5_000)).toEqual({
      rate: '12.3 MB/s',
      eta: '3 min 5 s',
    });
  });

  it('falls back to the average since the start', () => {
    const mib = 1024 * 1024;
    expect(runSpeed({ ...base, progressDone: 100 * mib, progressTotal: 300 * mib }, start + 10_000)).toEqual({ rate: '10.0 MiB/s', eta: '20 s' });
  });

  it('says nothing for a run that is not running, or has not moved', () => {
    expect(runSpeed({ ...base, status: 'queued', progressDone: 0, progressTotal: null }, start)).toEqual({ rate: null, eta: null });
    expect(runSpeed({ ...base, progressDone: 0, progressTotal: 10 }, start + 5_000)).toEqual({ rate: null, eta: null });
  });
});
