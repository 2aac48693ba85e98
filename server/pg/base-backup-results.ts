import type { BackupTablespaceEntry, BaseBackupPositions } from './base-backup-events';
import {
  parseBackupPositionRow,
  parseTablespaceRow,
  ReplicationMessageError,
  type BackupPosition,
} from './replication-messages';

// The ordinary result sets of BASE_BACKUP, as read off the wire (every value text or null), and
// how PostgreSQL 13/14 lay out their CopyOut responses. Observed on 13.23 and 14.23 (and the
// same result sets on 15 and 18): (recptr, tli) start position; (spcoid, spclocation, size) with
// user tablespaces first and the main data directory (null, null) last; then one CopyOut per row
// of that list, in the same order, each a tar archive without the two trailing zero blocks
// (WAL, when requested, is appended to the main data directory's archive, which is why the
// server sends it last); then, with MANIFEST, one more CopyOut holding backup_manifest; then
// (recptr, tli) end position.

export type WireRow = Record<string, string | null>;
export type WireResultSet = { fields: string[]; rows: WireRow[] };

/** A DataRow's values keyed by the column names of the RowDescription before it. */
export function wireRow(fields: readonly string[], values: readonly (string | null)[]): WireRow {
  if (values.length !== fields.length)
    throw new ReplicationMessageError(
      `A result row has ${values.length} values for ${fields.length} columns.`,
    );
  return Object.fromEntries(fields.map((name, i) => [name, values[i] ?? null]));
}

const hasFields = (set: WireResultSet, names: string[]) => names.every((name) => set.fields.includes(name));
const isPositionSet = (set: WireResultSet) => hasFields(set, ['recptr', 'tli']);
const isTablespaceSet = (set: WireResultSet) => hasFields(set, ['spcoid', 'spclocation', 'size']);

/** The tablespace list among the result sets received so far; throws if it has not come yet. */
export function findTablespaceList(sets: readonly WireResultSet[]): BackupTablespaceEntry[] {
  const found = sets.filter(isTablespaceSet);
  if (found.length !== 1 || found[0] === undefined)
    throw new ReplicationMessageError(
      `BASE_BACKUP sent ${found.length} tablespace lists before its archives, expected 1.`,
    );
  const tablespaces = found[0].rows.map((row) => {
    const parsed = parseTablespaceRow(row);
    if ((parsed.oid === null) !== (parsed.location === null))
      throw new ReplicationMessageError(
        'A BASE_BACKUP tablespace row has an oid without a location, or the reverse.',
      );
    // The protocol documents size in kilobytes (1024 bytes), e.g. 41 for a 42,496-byte archive.
    const sizeBytes = parsed.sizeKiB === null ? null : BigInt(parsed.sizeKiB) * 1024n;
    return { oid: parsed.oid, location: parsed.location, sizeBytes };
  });
  const mains = tablespaces.filter((t) => t.oid === null).length;
  if (mains !== 1)
    throw new ReplicationMessageError(`BASE_BACKUP listed ${mains} main data directories, expected 1.`);
  return tablespaces;
}

export type CopyOutRole = { kind: 'archive'; tablespace: BackupTablespaceEntry } | { kind: 'manifest' };

/** What the index-th (0-based) CopyOut of a PostgreSQL 13/14 BASE_BACKUP carries. */
export function legacyCopyOutRole(index: number, tablespaces: readonly BackupTablespaceEntry[]): CopyOutRole {
  const tablespace = tablespaces[index];
  if (tablespace) return { kind: 'archive', tablespace };
  if (index === tablespaces.length) return { kind: 'manifest' };
  throw new ReplicationMessageError(
    `BASE_BACKUP sent a CopyOut #${index + 1}, but ${tablespaces.length} archives and a manifest make ${tablespaces.length + 1}.`,
  );
}

/** Start, end and tablespaces of a finished PostgreSQL 13/14 backup that sent `copyOuts` CopyOuts. */
export function parseLegacyBackupResults(
  sets: readonly WireResultSet[],
  copyOuts: number,
): BaseBackupPositions {
  const tablespaces = findTablespaceList(sets);
  if (copyOuts < tablespaces.length)
    throw new ReplicationMessageError(
      `BASE_BACKUP sent ${copyOuts} CopyOut responses for ${tablespaces.length} tablespaces: not the PostgreSQL 13/14 format (one archive per CopyOut).`,
    );
  return parseBackupResults(sets);
}

/** Start, end and tablespaces of a finished BASE_BACKUP, from its ordinary result sets (every major). */
export function parseBackupResults(sets: readonly WireResultSet[]): BaseBackupPositions {
  const tablespaces = findTablespaceList(sets);
  const [startSet, endSet, ...extra] = sets.filter(isPositionSet);
  if (!startSet || !endSet || extra.length > 0)
    throw new ReplicationMessageError(
      `BASE_BACKUP sent ${sets.filter(isPositionSet).length} position result sets, expected 2 (start and end).`,
    );
  const start = onlyPosition(startSet);
  const end = onlyPosition(endSet);
  if (end.lsn < start.lsn)
    throw new ReplicationMessageError('BASE_BACKUP reported an end position before its start position.');
  return { start, end, tablespaces };
}

function onlyPosition(set: WireResultSet): BackupPosition {
  if (set.rows.length !== 1)
    throw new ReplicationMessageError(
      `A BASE_BACKUP position result set has ${set.rows.length} rows, expected 1.`,
    );
  return parseBackupPositionRow(set.rows[0]);
}
