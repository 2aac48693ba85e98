import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseLsn } from '../pg/lsn';
import {
  buildBackupManifest,
  computeManifestChecksum,
  ManifestError,
  parseBackupManifest,
  serializeBackupManifest,
} from './backup-manifest';
import { escapeJsonString, formatManifestTime } from './manifest-writer';

// pg15: written by pg_basebackup 15 for a data directory holding odd file names (quote,
// backslash, tab, control characters, UTF-8, Latin-1). pg18: streamed by BASE_BACKUP from 18.
const pg15 = gunzipSync(readFileSync(new URL('./fixtures/pg15-backup_manifest.gz', import.meta.url)));
const pg18 = gunzipSync(readFileSync(new URL('./fixtures/pg18-backup_manifest.gz', import.meta.url)));

/** A manifest body with a correct Manifest-Checksum line appended, to test validation past it. */
function signed(body: string): string {
  return `${body}"Manifest-Checksum": "${createHash('sha256').update(body).digest('hex')}"}\n`;
}

const file =
  '{ "Path": "PG_VERSION", "Size": 3, "Last-Modified": "2024-01-02 03:04:05 GMT", "Checksum-Algorithm": "CRC32C", "Checksum": "8a744722" }';
const ranges = '"WAL-Ranges": [\n{ "Timeline": 1, "Start-LSN": "0/2000028", "End-LSN": "0/2000100" }\n],\n';
const v1 = (files = file, extra = '') =>
  signed(`{ "PostgreSQL-Backup-Manifest-Version": 1,${extra}\n"Files": [\n${files}\n],\n${ranges}`);

describe('backup manifest: PostgreSQL-written manifests', () => {
  it('parses a version 1 manifest from PostgreSQL 15', () => {
    const manifest = parseBackupManifest(pg15);
    expect(manifest.version).toBe(1);
    expect(manifest.systemIdentifier).toBeUndefined();
    expect(manifest.files.length).toBeGreaterThan(900);
    expect(manifest.files[0]).toMatchObject({ path: 'backup_label', checksumAlgorithm: 'CRC32C' });
    expect(manifest.files.find((f) => f.path === 'PG_VERSION')).toEqual({
      path: 'PG_VERSION',
      size: 3,
      lastModified: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d GMT$/) as string,
      checksumAlgorithm: 'CRC32C',
      checksum: '8a744722',
    });
    expect(manifest.walRanges).toEqual([
      { timeline: 1, startLsn: parseLsn('0/2000028'), endLsn: parseLsn('0/2000100') },
    ]);
    expect(manifest.manifestChecksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('decodes escaped names and keeps the hex of an Encoded-Path (a name that is not UTF-8)', () => {
    const paths = parseBackupManifest(pg15).files.map((f) => f.path);
    expect(paths).toContain('we"ird\\na\tme');
    expect(paths).toContain('ctl\u0001\u001f\u007f');
    expect(paths).toContain('ünï');
    expect(parseBackupManifest(pg15).files.find((f) => f.encodedPath !== undefined)).toMatchObject({
      encodedPath: '6c6174e9696e',
      size: 1,
    });
  });

  it('parses a version 2 manifest from PostgreSQL 18 with the exact 64-bit System-Identifier', () => {
    const manifest = parseBackupManifest(pg18);
    expect(manifest.version).toBe(2);
    expect(manifest.systemIdentifier).toBe('7713048479008739652');
    expect(manifest.files.find((f) => f.path === 'PG_VERSION')?.checksum).toBe('994e7be2');
  });

  it('serializes both back to the very same bytes', () => {
    expect(serializeBackupManifest(parseBackupManifest(pg15))).toBe(pg15.toString('utf8'));
    expect(serializeBackupManifest(parseBackupManifest(pg18))).toBe(pg18.toString('utf8'));
  });

  it('accepts the manifest as a string too', () => {
    expect(parseBackupManifest(pg18.toString('utf8')).files).toHaveLength(
      parseBackupManifest(pg18).files.length,
    );
  });
});

describe('backup manifest: checksum and validation', () => {
  it('rejects a manifest whose content changed after it was written', () => {
    const tampered = Buffer.from(pg15.toString('utf8').replace('"Size": 3,', '"Size": 4,'));
    expect(() => parseBackupManifest(tampered)).toThrow(/checksum does not match/);
    expect(() => parseBackupManifest(tampered)).toThrow(ManifestError);
  });

  it('covers everything up to and including the line before Manifest-Checksum', () => {
    const text = v1();
    const body = text.slice(0, text.lastIndexOf('"Manifest-Checksum"'));
    expect(computeManifestChecksum(Buffer.from(text))).toBe(createHash('sha256').update(body).digest('hex'));
    expect(() => parseBackupManifest(text)).not.toThrow();
  });

  it('accepts an upper-case Manifest-Checksum and checksum algorithm names in any case', () => {
    const text = v1(file.replace('"CRC32C"', '"crc32c"'));
    const upper = text.replace(
      /("Manifest-Checksum": ")([0-9a-f]+)/,
      (_m, key: string, sum: string) => key + sum.toUpperCase(),
    );
    expect(parseBackupManifest(upper).files[0]?.checksumAlgorithm).toBe('CRC32C');
  });

  it('requires the manifest to end with a newline and have two lines', () => {
    expect(() => parseBackupManifest(v1().trimEnd())).toThrow(/not newline-terminated/);
    expect(() => parseBackupManifest('{}\n')).toThrow(/at least 2 lines/);
  });

  it.each([
    ['invalid JSON', signed('{ "PostgreSQL-Backup-Manifest-Version": 1,\n"Files": [\n'), /not valid JSON/],
    ['an unknown version', v1().replace('Version": 1', 'Version": 3'), /PostgreSQL-Backup-Manifest-Version/],
    [
      'a version 2 without System-Identifier',
      signed(`{ "PostgreSQL-Backup-Manifest-Version": 2,\n"Files": [\n${file}\n],\n${ranges}`),
      /System-Identifier/,
    ],
    ['a version 1 with a System-Identifier', v1(file, '\n"System-Identifier": 1,'), /no System-Identifier/],
    ['an unknown top-level field', v1(file, '\n"Extra": 1,'), /Extra/],
    ['an unknown file field', v1(file.replace('"Size"', '"Mode": 1, "Size"')), /Mode/],
    [
      'both Path and Encoded-Path',
      v1(file.replace('{ "Path"', '{ "Encoded-Path": "41", "Path"')),
      /exactly one of Path and Encoded-Path/,
    ],
    ['no path', v1(file.replace('"Path": "PG_VERSION", ', '')), /exactly one of Path and Encoded-Path/],
    [
      'odd hex in Encoded-Path',
      v1(file.replace('"Path": "PG_VERSION"', '"Encoded-Path": "414"')),
      /Encoded-Path must be hex/,
    ],
    ['a missing size', v1(file.replace('"Size": 3, ', '')), /Size/],
    ['a negative size', v1(file.replace('"Size": 3', '"Size": -3')), /Size/],
    [
      'a checksum without algorithm',
      v1(file.replace('"Checksum-Algorithm": "CRC32C", ', '')),
      /checksum without algorithm/,
    ],
    ['a checksum of the wrong length', v1(file.replace('8a744722', '8a7447')), /8 hex digits/],
    ['an unknown algorithm', v1(file.replace('"CRC32C"', '"MD5"')), /Checksum-Algorithm/],
    ['a bad LSN', v1().replace('0/2000100', '0/2000100x'), /not a WAL location/],
    ['timeline 0', v1().replace('"Timeline": 1', '"Timeline": 0'), /Timeline/],
  ])('rejects %s', (_name, text, message) => {
    expect(() => parseBackupManifest(resign(text))).toThrow(message);
  });

  it('keeps digits inside strings and big numbers outside them exact', () => {
    const text = signed(
      `{ "PostgreSQL-Backup-Manifest-Version": 2,\n"System-Identifier": 18446744073709551615,\n"Files": [\n${file.replace('PG_VERSION', 'base/12345678901234567890')}\n],\n${ranges}`,
    );
    const manifest = parseBackupManifest(text);
    expect(manifest.systemIdentifier).toBe('18446744073709551615');
    expect(manifest.files[0]?.path).toBe('base/12345678901234567890');
  });
});

/** Recomputes the checksum line of a test manifest edited after signing. */
function resign(text: string): string {
  return signed(text.slice(0, text.lastIndexOf('"Manifest-Checksum"')));
}

describe('backup manifest: building', () => {
  const mtime = new Date('2024-01-02T03:04:05.678Z');

  it('writes the exact layout PostgreSQL writes', () => {
    const text = buildBackupManifest({
      files: [
        { path: 'backup_label', size: 225, mtime, checksumAlgorithm: 'CRC32C', checksum: 'ceaaafc6' },
        { path: 'base/1/1259', size: 8192, mtime, checksumAlgorithm: 'NONE' },
      ],
      walRanges: [{ timeline: 2, startLsn: parseLsn('1/2000028'), endLsn: parseLsn('1/2000100') }],
    });
    const body =
      '{ "PostgreSQL-Backup-Manifest-Version": 1,\n"Files": [\n' +
      '{ "Path": "backup_label", "Size": 225, "Last-Modified": "2024-01-02 03:04:05 GMT", "Checksum-Algorithm": "CRC32C", "Checksum": "ceaaafc6" },\n' +
      '{ "Path": "base/1/1259", "Size": 8192, "Last-Modified": "2024-01-02 03:04:05 GMT" }\n' +
      '],\n"WAL-Ranges": [\n{ "Timeline": 2, "Start-LSN": "1/2000028", "End-LSN": "1/2000100" }\n],\n';
    expect(text).toBe(signed(body));
    expect(parseBackupManifest(text).files[1]).toEqual({
      path: 'base/1/1259',
      size: 8192,
      lastModified: '2024-01-02 03:04:05 GMT',
      checksumAlgorithm: 'NONE',
    });
  });

  it('writes version 2 when given a system identifier', () => {
    const text = buildBackupManifest({
      systemIdentifier: '7713048479008739652',
      files: [],
      walRanges: [{ timeline: 1, startLsn: 40n, endLsn: 256n }],
    });
    expect(
      text.startsWith(
        '{ "PostgreSQL-Backup-Manifest-Version": 2,\n"System-Identifier": 7713048479008739652,\n"Files": [\n],\n',
      ),
    ).toBe(true);
    expect(parseBackupManifest(text)).toMatchObject({
      version: 2,
      systemIdentifier: '7713048479008739652',
      files: [],
    });
  });

  it('writes a name that is not UTF-8 as Encoded-Path, and a UTF-8 Buffer as Path', () => {
    const text = buildBackupManifest({
      files: [
        { path: Buffer.from([0x6c, 0xe9]), size: 1, mtime, checksumAlgorithm: 'NONE' },
        { path: Buffer.from('ünï'), size: 1, mtime, checksumAlgorithm: 'NONE' },
      ],
      walRanges: [],
    });
    expect(text).toContain('{ "Encoded-Path": "6ce9", "Size": 1,');
    expect(text).toContain('{ "Path": "ünï", "Size": 1,');
    expect(parseBackupManifest(text).files[0]?.encodedPath).toBe('6ce9');
  });

  it('refuses checksums that do not fit the algorithm, and bad sizes', () => {
    expect(() =>
      buildBackupManifest({
        files: [{ path: 'a', size: 1, mtime, checksumAlgorithm: 'SHA256', checksum: 'abcd' }],
        walRanges: [],
      }),
    ).toThrow(/64 lower-case hex/);
    expect(() =>
      buildBackupManifest({
        files: [{ path: 'a', size: 1, mtime, checksumAlgorithm: 'CRC32C' }],
        walRanges: [],
      }),
    ).toThrow(/8 lower-case hex/);
    expect(() =>
      buildBackupManifest({
        files: [{ path: 'a', size: -1, mtime, checksumAlgorithm: 'NONE' }],
        walRanges: [],
      }),
    ).toThrow(/byte count/);
    expect(() => serializeBackupManifest({ version: 2, files: [], walRanges: [] })).toThrow(
      /system identifier/,
    );
  });

  it('escapes strings as escape_json() does', () => {
    expect(escapeJsonString('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(escapeJsonString('\b\f\n\r\t')).toBe('"\\b\\f\\n\\r\\t"');
    expect(escapeJsonString('\u0001\u001f\u007f/é')).toBe('"\\u0001\\u001f\u007f/é"');
  });

  it('formats times in GMT, truncated to the second', () => {
    expect(formatManifestTime(mtime)).toBe('2024-01-02 03:04:05 GMT');
    expect(formatManifestTime(new Date(0))).toBe('1970-01-01 00:00:00 GMT');
  });
});
