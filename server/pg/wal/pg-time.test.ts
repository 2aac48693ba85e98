import { describe, expect, it } from 'vitest';
import { isoToPgMicros, pgMicrosToIso } from './pg-time';

describe('WAL timestamps', () => {
  it('converts microseconds since 2000-01-01 UTC exactly, both ways', () => {
    expect(pgMicrosToIso(0n)).toBe('2000-01-01T00:00:00.000000Z');
    expect(pgMicrosToIso(817_654_321_123_456n)).toBe('2025-11-28T14:12:01.123456Z');
    expect(isoToPgMicros('2025-11-28T14:12:01.123456Z')).toBe(817_654_321_123_456n);
    expect(isoToPgMicros('2025-11-28 14:12:01.1234 UTC')).toBe(817_654_321_123_400n);
    expect(isoToPgMicros('2025-11-28 14:12:01+00')).toBe(817_654_321_000_000n);
    expect(pgMicrosToIso(-1n)).toBe('1999-12-31T23:59:59.999999Z');
    expect(isoToPgMicros('1999-12-31T23:59:59.999999Z')).toBe(-1n);
    expect(() => isoToPgMicros('yesterday')).toThrow(/not a UTC timestamp/);
  });
});
