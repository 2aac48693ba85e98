import { describe, expect, it } from 'vitest';
import { bucketSeconds } from './wal-timeline-bucket';

const day = 86_400_000;

describe('bucketSeconds', () => {
  it('picks the smallest round length that fits the bucket budget', () => {
    expect(bucketSeconds(0, day, 200)).toBe(900);
    expect(bucketSeconds(0, 7 * day, 200)).toBe(3_600);
    expect(bucketSeconds(0, 90 * day, 200)).toBe(12 * 3_600);
    expect(bucketSeconds(0, 180 * day, 200)).toBe(86_400);
    expect(bucketSeconds(0, 365 * day, 200)).toBe(7 * 86_400);
  });

  it('falls back to the largest length for very long windows', () => {
    expect(bucketSeconds(0, 100 * 365 * day, 10)).toBe(30 * 86_400);
  });
});
