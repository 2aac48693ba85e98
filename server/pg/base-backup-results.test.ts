import { describe, expect, it } from 'vitest';
import { parseLsn } from './lsn';
import {
  findTablespaceList,
  legacyCopyOutRole,
  parseLegacyBackupResults,
  wireRow,
  type WireResultSet,
} from './base-backup-results';
import { ReplicationMessageError } from './replication-messages';

// The result sets PostgreSQL 14.23 sent for
// BASE_BACKUP LABEL 'x' PROGRESS FAST WAL NOWAIT MANIFEST 'yes' MANIFEST_CHECKSUMS 'SHA256'.
const position = (recptr: string, tli = '1'): WireResultSet => ({
  fields: ['recptr', 'tli'],
  rows: [{ recptr, tli }],
});
const tablespaceSet = (rows: (string | null)[][]): WireResultSet => {
  const fields = ['spcoid', 'spclocation', 'size'];
  return { fields, rows: rows.map((values) => wireRow(fields, values)) };
};
const observed = tablespaceSet([
  ['16384', '/srv/tblspc', '41'],
  [null, null, '26210'],
]);
const observedSets = [position('0/2000028'), observed, position('0/2000100')];

describe('wireRow', () => {
  it('keys DataRow values by column name, nulls kept', () => {
    expect(wireRow(['a', 'b'], ['1', null])).toEqual({ a: '1', b: null });
  });
  it('refuses a row that does not match its description', () => {
    expect(() => wireRow(['a', 'b'], ['1'])).toThrow(/1 values for 2 columns/);
  });
});

describe('findTablespaceList', () => {
  it('turns the size estimate from KiB into bytes and keeps the server order', () => {
    expect(findTablespaceList(observedSets)).toEqual([
      { oid: 16384, location: '/srv/tblspc', sizeBytes: 41n * 1024n },
      { oid: null, location: null, sizeBytes: 26210n * 1024n },
    ]);
  });

  it('has null sizes without PROGRESS', () => {
    const sets = [position('0/3000028'), tablespaceSet([[null, null, null]])];
    expect(findTablespaceList(sets)).toEqual([{ oid: null, location: null, sizeBytes: null }]);
  });

  it('refuses a missing list, a list without exactly one main directory, and half-null rows', () => {
    expect(() => findTablespaceList([position('0/1')])).toThrow(/0 tablespace lists/);
    expect(() => findTablespaceList([tablespaceSet([['1', '/a', null]])])).toThrow(/0 main data directories/);
    expect(() =>
      findTablespaceList([
        tablespaceSet([
          [null, null, null],
          [null, null, null],
        ]),
      ]),
    ).toThrow(/2 main data/);
    expect(() =>
      findTablespaceList([
        tablespaceSet([
          ['1', null, null],
          [null, null, null],
        ]),
      ]),
    ).toThrow(/oid without a location/);
    expect(() =>
      findTablespaceList([
        tablespaceSet([
          ['x', '/a', null],
          [null, null, null],
        ]),
      ]),
    ).toThrow(ReplicationMessageError);
  });
});

describe('legacyCopyOutRole', () => {
  const tablespaces = findTablespaceList(observedSets);
  it('maps CopyOuts to the tablespace rows in order, then the manifest', () => {
    expect(legacyCopyOutRole(0, tablespaces)).toEqual({ kind: 'archive', tablespace: tablespaces[0] });
    expect(legacyCopyOutRole(1, tablespaces)).toEqual({
      kind: 'archive',
      tablespace: { oid: null, location: null, sizeBytes: 26_839_040n },
    });
    expect(legacyCopyOutRole(2, tablespaces)).toEqual({ kind: 'manifest' });
  });
  it('refuses a CopyOut beyond the manifest', () => {
    expect(() => legacyCopyOutRole(3, tablespaces)).toThrow(
      /CopyOut #4, but 2 archives and a manifest make 3/,
    );
  });
});

describe('parseLegacyBackupResults', () => {
  it('reads start, end and tablespaces', () => {
    expect(parseLegacyBackupResults(observedSets, 3)).toEqual({
      start: { lsn: parseLsn('0/2000028'), timeline: 1 },
      end: { lsn: parseLsn('0/2000100'), timeline: 1 },
      tablespaces: findTablespaceList(observedSets),
    });
  });

  it('accepts a backup without a manifest (one CopyOut per tablespace)', () => {
    expect(parseLegacyBackupResults(observedSets, 2).end.lsn).toBe(parseLsn('0/2000100'));
  });

  it('recognises the PostgreSQL 15+ single CopyOut as not the legacy format', () => {
    expect(() => parseLegacyBackupResults(observedSets, 1)).toThrow(
      /1 CopyOut responses for 2 tablespaces: not the PostgreSQL 13\/14 format/,
    );
  });

  it('refuses missing, extra, empty or backwards positions', () => {
    expect(() => parseLegacyBackupResults([position('0/1'), observed], 3)).toThrow(
      /1 position result sets, expected 2/,
    );
    expect(() => parseLegacyBackupResults([...observedSets, position('0/3000000')], 3)).toThrow(
      /3 position result sets/,
    );
    const empty: WireResultSet = { fields: ['recptr', 'tli'], rows: [] };
    expect(() => parseLegacyBackupResults([position('0/1'), observed, empty], 3)).toThrow(
      /has 0 rows, expected 1/,
    );
    expect(() => parseLegacyBackupResults([position('0/2'), observed, position('0/1')], 3)).toThrow(
      /end position before its start/,
    );
    expect(() => parseLegacyBackupResults([position('0/1', '0'), observed, position('0/2')], 3)).toThrow(
      /tli/,
    );
  });
});
