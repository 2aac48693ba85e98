import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ageSchema,
  formatAge,
  formatRetentionPolicy,
  formatSize,
  humanDuration,
  parseAge,
  parseRetentionPolicy,
  parseSize,
  prettySize,
  retentionPolicySchema,
  sizeSchema,
  tryParseAge,
  tryParseRetentionPolicy,
  tryParseSize,
} from './barman-options';

describe('retention policy', () => {
  it.each([
    ['REDUNDANCY 3', { kind: 'redundancy', count: 3 }],
    ['  redundancy   1 ', { kind: 'redundancy', count: 1 }],
    ['RECOVERY WINDOW OF 2 WEEKS', { kind: 'window', amount: 2, unit: 'weeks', days: 14 }],
    ['recovery window of 1 week', { kind: 'window', amount: 1, unit: 'weeks', days: 7 }],
    ['Recovery Window Of 7 Days', { kind: 'window', amount: 7, unit: 'days', days: 7 }],
    ['RECOVERY WINDOW OF 1 DAY', { kind: 'window', amount: 1, unit: 'days', days: 1 }],
    ['RECOVERY WINDOW OF 2 MONTHS', { kind: 'window', amount: 2, unit: 'months', days: 62 }],
  ])('parses %j', (text, expected) => {
    expect(parseRetentionPolicy(text)).toEqual(expected);
  });

  it.each([
    'REDUNDANCY',
    'REDUNDANCY 0',
    'REDUNDANCY -1',
    'REDUNDANCY 2.5',
    'RECOVERY WINDOW OF 0 DAYS',
    'RECOVERY WINDOW 2 DAYS',
    'RECOVERY WINDOW OF 2 YEARS',
    'RECOVERY WINDOW OF 2DAYS',
    'keep 3',
    '',
  ])('rejects %j with a message naming the accepted forms or the limit', (text) => {
    const result = tryParseRetentionPolicy(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/REDUNDANCY|RECOVERY WINDOW|at least 1/);
  });

  it('formats back to canonical text', () => {
    expect(formatRetentionPolicy(parseRetentionPolicy('redundancy 4'))).toBe('REDUNDANCY 4');
    expect(formatRetentionPolicy(parseRetentionPolicy('recovery window of 1 month'))).toBe(
      'RECOVERY WINDOW OF 1 MONTH',
    );
  });

  it('throws a RangeError with the message from parseRetentionPolicy', () => {
    expect(() => parseRetentionPolicy('forever')).toThrow(
      /"forever" is not a retention policy; write "REDUNDANCY n"/,
    );
  });
});

describe('age', () => {
  it.each([
    ['1 day', 86_400],
    ['1 days', 86_400],
    ['36 hours', 129_600],
    ['1 HOUR', 3600],
    ['2 weeks', 1_209_600],
    ['1 month', 31 * 86_400],
    ['  3 Months ', 93 * 86_400],
  ])('parses %j to %d seconds', (text, seconds) => {
    expect(parseAge(text)).toBe(seconds);
  });

  it.each(['1day', '1 d', 'day', '0 days', '1.5 days', '1 year', '-1 day', '1 minute'])(
    'rejects %j',
    (text) => {
      expect(tryParseAge(text).ok).toBe(false);
    },
  );

  it('formats parts and seconds', () => {
    expect(formatAge({ amount: 1, unit: 'day', seconds: 86_400 })).toBe('1 day');
    expect(formatAge({ amount: 36, unit: 'hour', seconds: 129_600 })).toBe('36 hours');
    expect(formatAge(14 * 86_400)).toBe('2 weeks');
    expect(formatAge(31 * 86_400)).toBe('1 month');
    expect(formatAge(129_600)).toBe('36 hours');
    expect(() => formatAge(90)).toThrow(RangeError);
  });
});

describe('size', () => {
  it.each([
    ['0', 0n],
    ['1234', 1234n],
    ['10k', 10_000n],
    ['1 Ki', 1024n],
    ['500M', 500_000_000n],
    ['2 Mi', 2_097_152n],
    ['1 G', 1_000_000_000n],
    ['1 Gi', 1_073_741_824n],
    ['3T', 3_000_000_000_000n],
    ['1Ti', 1_099_511_627_776n],
    [' 7 Gi ', 7n * 1_073_741_824n],
    ['9007199254740993', 9_007_199_254_740_993n],
  ])('parses %j to %d bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each(['1K', '1 KB', '1 m', '1 gi', '1.5 G', '-1', 'G', '1 GiB', ''])(
    'rejects %j (Barman units are case-sensitive)',
    (text) => {
      const result = tryParseSize(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toContain('k, Ki, M, Mi, G, Gi, T or Ti');
    },
  );

  it('formats with the largest unit that divides exactly', () => {
    expect(formatSize(0n)).toBe('0');
    expect(formatSize(1234n)).toBe('1234');
    expect(formatSize(1_073_741_824n)).toBe('1 Gi');
    expect(formatSize(500_000_000n)).toBe('500 M');
    expect(formatSize(1_024_000n)).toBe('1000 Ki');
    expect(formatSize(parseSize('10k'))).toBe('10 k');
  });

  it('round-trips through format and parse', () => {
    for (const text of ['1 Gi', '500 M', '10 k', '3 Ti', '12345'])
      expect(formatSize(parseSize(text))).toBe(text);
  });
});

describe('display helpers', () => {
  it('prints sizes as Barman does', () => {
    expect(prettySize(0)).toBe('0 B');
    expect(prettySize(1023)).toBe('1023 B');
    expect(prettySize(1024)).toBe('1.0 KiB');
    expect(prettySize(43_830_000)).toBe('41.8 MiB');
    expect(prettySize(8n * 1024n ** 3n)).toBe('8.0 GiB');
  });

  it('prints intervals as Barman does', () => {
    expect(humanDuration(4 * 86_400)).toBe('4 days');
    expect(humanDuration(3600 + 4 * 60 + 55)).toBe('1 hour, 4 minutes, 55 seconds');
    expect(humanDuration(86_400 + 1)).toBe('1 day, 1 second');
    expect(humanDuration(0.2)).toBe('less than one second');
  });
});

describe('zod schemas', () => {
  it('normalise valid input to canonical text', () => {
    expect(retentionPolicySchema.parse(' redundancy 2 ')).toBe('REDUNDANCY 2');
    expect(retentionPolicySchema.parse('recovery window of 2 week')).toBe('RECOVERY WINDOW OF 2 WEEKS');
    expect(ageSchema.parse('36 Hours')).toBe('36 hours');
    expect(ageSchema.parse('1 days')).toBe('1 day');
    expect(sizeSchema.parse('1Gi')).toBe('1 Gi');
  });

  it('report one field-ready message', () => {
    const bad = sizeSchema.safeParse('1 GB');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues).toHaveLength(1);
    expect(bad.error?.issues[0]?.message).toBe(
      '"1 GB" is not a size; write a whole number of bytes with an optional unit k, Ki, M, Mi, G, Gi, T or Ti (e.g. "500M", "1 Gi"; units are case-sensitive).',
    );
    expect(ageSchema.safeParse('').error?.issues[0]?.message).toMatch(/^Write a duration/);
    expect(retentionPolicySchema.safeParse(3).error?.issues[0]?.message).toMatch(/^Write a retention policy/);
  });

  it('compose inside an object with a path', () => {
    const result = z
      .object({ retentionPolicy: retentionPolicySchema })
      .safeParse({ retentionPolicy: 'REDUNDANCY 0' });
    expect(result.error?.issues[0]?.path).toEqual(['retentionPolicy']);
  });
});
