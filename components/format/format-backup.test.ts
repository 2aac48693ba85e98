import { describe, expect, it } from 'vitest';
import {
  formatEta,
  formatPercent,
  formatPgVersion,
  formatThroughput,
  splitProgressNote,
} from './format-backup';

describe('formatPgVersion', () => {
  it.each([
    [150004, '15.4'],
    [180000, '18.0'],
    [90624, '9.6.24'],
  ])('%d → %s', (num, text) => expect(formatPgVersion(num)).toBe(text));
});

describe('formatPercent and formatThroughput', () => {
  it('keeps two digits for small shares, one otherwise', () => {
    expect(formatPercent(0.2534)).toBe('25.3%');
    expect(formatPercent(0.0123)).toBe('1.23%');
    expect(formatPercent(0)).toBe('0.0%');
  });

  it('speaks binary units per second', () => {
    expect(formatThroughput(10 * 1024 ** 2)).toBe('10.0 MiB/s');
  });
});

describe('splitProgressNote', () => {
  it('reads the backup reporter note: file, throughput, ETA', () => {
    expect(splitProgressNote('base/5/16384 · 12.3 MB/s · ETA 42 s')).toEqual({
      file: 'base/5/16384',
      rate: '12.3 MB/s',
      eta: '42 s',
    });
  });

  it('copes with missing parts and a verify note that is a path alone', () => {
    expect(splitProgressNote('812 kB/s')).toEqual({ file: null, rate: '812 kB/s', eta: null });
    expect(splitProgressNote('global/pg_control')).toEqual({
      file: 'global/pg_control',
      rate: null,
      eta: null,
    });
    expect(splitProgressNote(null)).toEqual({ file: null, rate: null, eta: null });
  });
});

describe('formatEta', () => {
  it.each([
    ['42 s', '42 s'],
    ['185 s', '3 min 5 s'],
    ['7500 s', '2 h 5 min'],
    ['soon', 'soon'],
  ])('%s → %s', (eta, text) => expect(formatEta(eta)).toBe(text));
});
