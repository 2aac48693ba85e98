import { describe, expect, it } from 'vitest';
import { forecastSpace, type SpaceSample } from './forecast-space';

const now = new Date('2026-12-06T12:00:00Z');
const GiB = 1024 ** 3;

/** Hourly samples of a 100 GiB file system losing `perDay` bytes a day. */
function series(hours: number, perDay: number, freeNow: number, noise = 0): SpaceSample[] {
  return Array.from({ length: hours + 1 }, (_, i) => {
    const hoursBefore = hours - i;
    const wobble = noise ? (i % 2 ? noise : -noise) : 0;
    return {
      at: new Date(now.getTime() - hoursBefore * 3_600_000),
      totalBytes: 100 * GiB,
      freeBytes: freeNow + (perDay * hoursBefore) / 24 + wobble,
    };
  });
}

describe('forecastSpace', () => {
  it('projects the free space of the newest sample at the measured growth rate', () => {
    const f = forecastSpace(series(72, 2 * GiB, 10 * GiB), now, 7);
    expect(f?.bytesPerDay).toBeCloseTo(2 * GiB, -3);
    expect(f?.daysLeft).toBeCloseTo(5, 5);
    expect(f).toMatchObject({ samples: 73, spanHours: 72 });
  });

  it('is robust to noise around the trend', () => {
    const f = forecastSpace(series(48, 1 * GiB, 20 * GiB, 50 * 1024 ** 2), now, 7);
    expect(f?.daysLeft).toBeGreaterThan(19);
    expect(f?.daysLeft).toBeLessThan(21);
  });

  it('has no days left to count when usage is flat or shrinking', () => {
    expect(forecastSpace(series(24, 0, 10 * GiB), now, 7)?.daysLeft).toBeNull();
    expect(forecastSpace(series(24, -GiB, 10 * GiB), now, 7)?.daysLeft).toBeNull();
  });

  it('says nothing with too little history, and ignores samples outside the window', () => {
    expect(forecastSpace(series(5, GiB, GiB), now, 7)).toBeNull();
    expect(forecastSpace(series(1, GiB, GiB).slice(0, 1), now, 7)).toBeNull();
    const old = series(24 * 10, GiB, 10 * GiB);
    expect(forecastSpace(old, now, 2)?.samples).toBe(49);
  });
});
