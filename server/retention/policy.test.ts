import { describe, expect, it } from 'vitest';
import {
  describeRetentionPolicy,
  effectivePolicy,
  pointOfRecoverability,
  serverRetentionPolicy,
} from './policy';

describe('retention policy for the engine', () => {
  it('reads the stored text; empty means off', () => {
    expect(serverRetentionPolicy(null)).toBeNull();
    expect(serverRetentionPolicy('  ')).toBeNull();
    expect(serverRetentionPolicy('REDUNDANCY 2')).toEqual({ kind: 'redundancy', count: 2 });
    expect(() => serverRetentionPolicy('KEEP ALL')).toThrow(/stored retention policy is not valid/);
  });

  it('raises REDUNDANCY to minimum_redundancy as Barman does', () => {
    expect(effectivePolicy({ kind: 'redundancy', count: 2 }, 4)).toEqual({
      policy: { kind: 'redundancy', count: 4 },
      raised: true,
    });
    expect(effectivePolicy({ kind: 'redundancy', count: 5 }, 4)).toEqual({
      policy: { kind: 'redundancy', count: 5 },
      raised: false,
    });
    const window = { kind: 'window', amount: 1, unit: 'weeks', days: 7 } as const;
    expect(effectivePolicy(window, 10)).toEqual({ policy: window, raised: false });
  });

  it('computes the point of recoverability with 31-day months', () => {
    const now = new Date('2026-03-31T12:00:00Z');
    expect(
      pointOfRecoverability({ kind: 'window', amount: 1, unit: 'months', days: 31 }, now).toISOString(),
    ).toBe('2026-02-28T12:00:00.000Z');
    expect(
      pointOfRecoverability({ kind: 'window', amount: 2, unit: 'days', days: 2 }, now).toISOString(),
    ).toBe('2026-03-29T12:00:00.000Z');
  });

  it('describes a policy', () => {
    expect(describeRetentionPolicy(null)).toBe('retention off (no policy set)');
    expect(describeRetentionPolicy({ kind: 'window', amount: 3, unit: 'days', days: 3 })).toBe(
      'RECOVERY WINDOW OF 3 DAYS',
    );
  });
});
