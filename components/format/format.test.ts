import { describe, expect, it } from 'vitest';
import { formatBytes } from './format-bytes';
import { durationBetween, formatDuration } from './format-duration';
import { exactTime, formatRelative } from './format-time';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.50 KiB'],
    [10 * 1024 ** 2, '10.0 MiB'],
    [300 * 1024 ** 3, '300 GiB'],
  ])('%d → %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});

describe('formatDuration', () => {
  it.each([
    [250, '250 ms'],
    [1234, '1.2 s'],
    [185_000, '3 min 5 s'],
    [7_500_000, '2 h 5 min'],
    [3 * 86_400_000 + 4 * 3_600_000 + 60_000, '3 d 4 h'],
    [600_000, '10 min'],
    [3_600_000, '1 h'],
  ])('%d ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));

  it('measures a running run up to now', () => {
    expect(durationBetween('2026-01-01T00:00:00Z', null, Date.parse('2026-01-01T00:00:05Z'))).toBe(5000);
    expect(durationBetween(null, null, 0)).toBeNull();
  });
});

describe('formatRelative', () => {
  const now = Date.parse('2026-06-01T12:00:00Z');
  it('speaks in human terms, past and future', () => {
    expect(formatRelative(new Date(now - 3_000), now)).toBe('just now');
    expect(formatRelative(new Date(now - 5 * 60_000), now)).toBe('5 minutes ago');
    expect(formatRelative(new Date(now + 3 * 86_400_000), now)).toBe('in 3 days');
  });

  it('keeps the exact ISO value for the title', () => {
    expect(exactTime('2026-06-01T12:00:00.000Z')).toMatch(/^2026-06-01T12:00:00.000Z \(local: .+\)$/);
  });
});
