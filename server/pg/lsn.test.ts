import { describe, expect, it } from 'vitest';
import {
  assertLsn,
  compareLsn,
  formatLsn,
  invalidLsn,
  isLsnText,
  LsnError,
  lsnDiff,
  lsnFromParts,
  maxLsn,
  maxOfLsn,
  minOfLsn,
  parseLsn,
} from './lsn';

describe('LSN', () => {
  it('parses and formats the edges of the WAL address space', () => {
    expect(parseLsn('0/0')).toBe(0n);
    expect(invalidLsn).toBe(0n);
    expect(parseLsn('FFFFFFFF/FFFFFFFF')).toBe(maxLsn);
    expect(maxLsn).toBe(2n ** 64n - 1n);
    expect(formatLsn(0n)).toBe('0/0');
    expect(formatLsn(maxLsn)).toBe('FFFFFFFF/FFFFFFFF');
  });

  it('keeps every bit above 2^53 (no floats)', () => {
    const lsn = parseLsn('FFFFFFFF/FFFFFFFE');
    expect(lsn + 1n).toBe(maxLsn);
    expect(formatLsn(parseLsn('200000/1'))).toBe('200000/1');
    expect(parseLsn('200000/1') - parseLsn('200000/0')).toBe(1n);
  });

  it('reads the high and low halves, in either case, with or without zero padding', () => {
    expect(parseLsn('16/B374D848')).toBe(0x16b374d848n);
    expect(parseLsn('16/b374d848')).toBe(0x16b374d848n);
    expect(parseLsn('00000016/0B374D84')).toBe(0x160b374d84n);
    expect(parseLsn('1/0')).toBe(0x1_0000_0000n);
    expect(formatLsn(0x160b374d84n)).toBe('16/B374D84');
  });

  it('round-trips through text', () => {
    for (const lsn of [0n, 1n, 0xffff_ffffn, 0x1_0000_0000n, 0x1234_5678_9abc_def0n, maxLsn])
      expect(parseLsn(formatLsn(lsn))).toBe(lsn);
  });

  it.each([
    '',
    '0',
    '/0',
    '0/',
    '0//0',
    ' 0/0',
    '0/0 ',
    '123456789/0',
    '0/123456789',
    'G/0',
    '0x1/0',
    '-1/0',
    '1/2/3',
    '0/0\n',
  ])('rejects %j with a clear error', (text) => {
    expect(() => parseLsn(text)).toThrow(LsnError);
    expect(() => parseLsn(text)).toThrow(/not a WAL location: expected X\/Y/);
    expect(isLsnText(text)).toBe(false);
  });

  it('shortens a huge invalid input in the error', () => {
    expect(() => parseLsn('9'.repeat(1000))).toThrow(/…"/);
  });

  it('compares, diffs and picks', () => {
    const a = parseLsn('0/3000028');
    const b = parseLsn('0/3000100');
    expect(compareLsn(a, b)).toBe(-1);
    expect(compareLsn(b, a)).toBe(1);
    expect(compareLsn(a, a)).toBe(0);
    expect(lsnDiff(b, a)).toBe(0xd8n);
    expect(lsnDiff(a, b)).toBe(-0xd8n);
    expect(lsnDiff(maxLsn, 0n)).toBe(maxLsn);
    expect(maxOfLsn(a, b)).toBe(b);
    expect(minOfLsn(a, b)).toBe(a);
  });

  it('builds from 32-bit halves and range-checks', () => {
    expect(lsnFromParts(0x16, 0xb374d848)).toBe(0x16b374d848n);
    expect(() => lsnFromParts(2 ** 32, 0)).toThrow(LsnError);
    expect(() => lsnFromParts(0, -1)).toThrow(LsnError);
    expect(() => lsnFromParts(0.5, 0)).toThrow(LsnError);
    expect(() => assertLsn(-1n)).toThrow(/outside the WAL location range/);
    expect(() => formatLsn(maxLsn + 1n)).toThrow(LsnError);
  });
});
