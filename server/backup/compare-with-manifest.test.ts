import { describe, expect, it } from 'vitest';
import type { BackupManifest } from '../repository/backup-manifest';
import { compareWithManifest, describeComparison, isClean } from './compare-with-manifest';

const sha = (c: string) => c.repeat(64);
const manifest: BackupManifest = {
  version: 1,
  files: [
    { path: 'PG_VERSION', size: 3, checksumAlgorithm: 'SHA256', checksum: sha('a') },
    { path: 'base/1/1259', size: 8192, checksumAlgorithm: 'SHA256', checksum: sha('b') },
    { path: 'global/pg_control', size: 8192, checksumAlgorithm: 'CRC32C', checksum: '01020304' },
  ],
  walRanges: [],
  manifestChecksum: sha('0'),
};

describe('compareWithManifest', () => {
  it('accepts exactly the manifest, plus WAL under pg_wal/', () => {
    const observed = new Map([
      ['PG_VERSION', { size: 3, sha256: sha('a') }],
      ['base/1/1259', { size: 8192, sha256: sha('b') }],
      ['global/pg_control', { size: 8192, sha256: sha('c') }], // CRC32C in the manifest: size only
      ['pg_wal/000000010000000000000002', { size: 16777216, sha256: sha('d') }],
    ]);
    const result = compareWithManifest(manifest, observed);
    expect(isClean(result)).toBe(true);
    expect(describeComparison(result)).toBe('Every file matches the backup manifest.');
  });

  it('names missing, changed and extra files', () => {
    const observed = new Map([
      ['PG_VERSION', { size: 4, sha256: sha('a') }],
      ['base/1/1259', { size: 8192, sha256: sha('e') }],
      ['base/1/9999', { size: 1, sha256: sha('f') }],
    ]);
    const result = compareWithManifest(manifest, observed);
    expect(result.missing).toEqual(['global/pg_control']);
    expect(result.changed).toEqual([
      { path: 'PG_VERSION', problem: 'size 4, the manifest says 3' },
      { path: 'base/1/1259', problem: 'its SHA-256 differs from the manifest' },
    ]);
    expect(result.extra).toEqual(['base/1/9999']);
    expect(describeComparison(result)).toMatch(/^Files differ from the backup manifest: 1 missing \(global\/pg_control\); 2 changed .*; 1 not in the manifest \(base\/1\/9999\)\.$/);
  });

  it('shortens long lists', () => {
    const many = { ...manifest, files: Array.from({ length: 5 }, (_, i) => ({ path: `f${i}`, size: 1, checksumAlgorithm: 'NONE' as const })) };
    expect(describeComparison(compareWithManifest(many, new Map()))).toContain('5 missing (f0, f1, f2 and 2 more)');
  });
});
