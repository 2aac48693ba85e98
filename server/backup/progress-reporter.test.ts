import { describe, expect, it } from 'vitest';
import type { RunHandle } from '../runs/run-handle';
import { progressReporter } from './progress-reporter';

describe('progressReporter', () => {
  it('reports bytes, the current file, the throughput and the time left', () => {
    const seen: unknown[][] = [];
    const handle = { progress: (...args: unknown[]) => void seen.push(args) } as unknown as RunHandle;
    let now = 0;
    const report = progressReporter(handle, () => now);
    now = 2000;
    report({ bytesDone: 20n * 1024n * 1024n, bytesTotal: 100n * 1024n * 1024n, currentFile: 'base/5/16384' });
    expect(seen.at(-1)).toEqual([20n * 1024n * 1024n, 100n * 1024n * 1024n, 'base/5/16384 · 10.0 MiB/s · ETA 8 s']);
    // Past the estimate (WAL of a standalone backup is not in it): no ETA rather than a negative one.
    now = 4000;
    report({ bytesDone: 120n * 1024n * 1024n, bytesTotal: 100n * 1024n * 1024n, currentFile: null });
    expect(seen.at(-1)).toEqual([120n * 1024n * 1024n, 100n * 1024n * 1024n, '30.0 MiB/s']);
  });
});
