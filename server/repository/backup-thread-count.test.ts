import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { backupThreadCount } from './compression-pool';

describe('backupThreadCount', () => {
  const cores = availableParallelism();
  afterEach(() => {
    delete process.env.CELLAR_COMPRESSION_THREADS;
  });

  it('leaves the stream a core with a fast codec, and gives a slow one every core', () => {
    expect(backupThreadCount('lz4', undefined)).toBe(Math.max(1, cores - 1));
    expect(backupThreadCount('zstd', 1)).toBe(Math.max(1, cores - 1));
    expect(backupThreadCount('zstd', -3)).toBe(Math.max(1, cores - 1));
    expect(backupThreadCount('zstd', undefined)).toBe(cores);
    expect(backupThreadCount('zstd', 3)).toBe(cores);
    expect(backupThreadCount('gzip', 1)).toBe(cores);
  });

  it('takes CELLAR_COMPRESSION_THREADS as it is', () => {
    process.env.CELLAR_COMPRESSION_THREADS = '3';
    expect(backupThreadCount('lz4', undefined)).toBe(3);
    expect(backupThreadCount('gzip', 1)).toBe(3);
  });
});
