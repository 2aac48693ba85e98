import { describe, expect, it } from 'vitest';
import { bucketWords, niceCeiling, scaleTime, timeTicks } from './chart-scale';

describe('WAL chart scales', () => {
  it('maps a time window onto pixels', () => {
    const x = scaleTime(1_000, 2_000, 500);
    expect([x(1_000), x(1_500), x(2_000)]).toEqual([0, 250, 500]);
  });

  it('puts ticks on round local times, never more than asked', () => {
    const from = new Date(2026, 11, 1, 5, 17).getTime();
    const day = timeTicks(from, from + 24 * 3_600_000, 8);
    expect(day.length).toBeLessThanOrEqual(8);
    expect(day.every((t) => new Date(t.ms).getMinutes() === 0 && new Date(t.ms).getHours() % 3 === 0)).toBe(true);
    const month = timeTicks(from, from + 30 * 86_400_000, 8);
    expect(month.every((t) => new Date(t.ms).getHours() === 0)).toBe(true);
    expect(month[0]?.label).toBe('Dec 2');
  });

  it('rounds the y axis up to 1, 2 or 5 times a power of ten', () => {
    expect([niceCeiling(0), niceCeiling(7), niceCeiling(13), niceCeiling(180), niceCeiling(500)]).toEqual([1, 10, 20, 200, 500]);
  });

  it('says a bucket length in words', () => {
    expect([60, 300, 3_600, 10_800, 86_400, 604_800, 2_592_000].map(bucketWords)).toEqual([
      'minute', '5 minutes', 'hour', '3 hours', 'day', 'week', '30 days',
    ]);
  });
});
