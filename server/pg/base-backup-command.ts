// The text of the BASE_BACKUP replication command. PostgreSQL 13 and 14 only parse the old,
// keyword-list syntax; 15 replaced it with a parenthesised option list and no longer accepts the
// old one (both observed: each major answers the other syntax with "syntax error"). 13 is the
// oldest major with backup manifests, which Cellar always requests.

export type BaseBackupCommandOptions = {
  label: string;
  checkpoint: 'fast' | 'spread';
  /** Include the WAL needed to make the backup consistent (in the main data directory's archive). */
  wal: boolean;
  /** Wait until that WAL has been archived before the server ends the backup. */
  wait: boolean;
  manifestChecksums: 'SHA256';
  /** Bandwidth cap in kB/s (1024 bytes); unset means unlimited. */
  maxRateKbps?: number;
  /** Ask for size estimates in the tablespace list (costs a scan of the data directory first). */
  progress: boolean;
};

export class BaseBackupCommandError extends Error {
  override name = 'BaseBackupCommandError';
}

/** PostgreSQL's MAX_RATE_LOWER and MAX_RATE_UPPER (src/include/replication/basebackup.h). */
export const maxRateRangeKbps = { min: 32, max: 1_048_576 } as const;

/** do_pg_backup_start refuses labels longer than MAXPGPATH bytes. */
const maxLabelBytes = 1024;

export function buildBaseBackupCommand(major: number, options: BaseBackupCommandOptions): string {
  if (!Number.isInteger(major) || major < 13)
    throw new BaseBackupCommandError(
      `BASE_BACKUP with a manifest needs PostgreSQL 13 or newer (got major ${major}).`,
    );
  const label = quoteLabel(options.label);
  const maxRate = checkMaxRate(options.maxRateKbps);
  return major >= 15 ? optionListCommand(label, maxRate, options) : keywordCommand(label, maxRate, options);
}

/** PostgreSQL 13/14: `BASE_BACKUP [LABEL 'l'] [PROGRESS] [FAST] [WAL] [NOWAIT] [MAX_RATE n] [MANIFEST 'm'] [MANIFEST_CHECKSUMS 'a']`. */
function keywordCommand(
  label: string,
  maxRate: number | undefined,
  options: BaseBackupCommandOptions,
): string {
  const parts = ['BASE_BACKUP', `LABEL ${label}`];
  if (options.progress) parts.push('PROGRESS');
  if (options.checkpoint === 'fast') parts.push('FAST');
  if (options.wal) parts.push('WAL');
  if (!options.wait) parts.push('NOWAIT');
  parts.push(`MANIFEST 'yes'`, `MANIFEST_CHECKSUMS '${options.manifestChecksums}'`);
  if (maxRate !== undefined) parts.push(`MAX_RATE ${maxRate}`);
  return parts.join(' ');
}

/** PostgreSQL 15+: `BASE_BACKUP (option [value], ...)`; FAST became CHECKPOINT, NOWAIT became WAIT false. */
function optionListCommand(
  label: string,
  maxRate: number | undefined,
  options: BaseBackupCommandOptions,
): string {
  const parts = [`LABEL ${label}`];
  if (options.progress) parts.push('PROGRESS');
  parts.push(
    `CHECKPOINT '${options.checkpoint}'`,
    `WAL ${options.wal}`,
    `WAIT ${options.wait}`,
    `MANIFEST 'yes'`,
    `MANIFEST_CHECKSUMS '${options.manifestChecksums}'`,
  );
  if (maxRate !== undefined) parts.push(`MAX_RATE ${maxRate}`);
  return `BASE_BACKUP (${parts.join(', ')})`;
}

/**
 * The replication scanner reads a quoted string like standard_conforming_strings SQL: '' is a
 * quote, backslashes are literal. A NUL would end the command early on the server, and a line
 * break would let the label forge lines of the line-oriented backup_label file.
 */
function quoteLabel(label: string): string {
  if (label.includes('\0')) throw new BaseBackupCommandError('A backup label cannot contain a NUL byte.');
  if (/[\r\n]/.test(label)) throw new BaseBackupCommandError('A backup label cannot contain a line break.');
  const bytes = Buffer.byteLength(label, 'utf8');
  if (bytes > maxLabelBytes)
    throw new BaseBackupCommandError(
      `A backup label is at most ${maxLabelBytes} bytes (this one is ${bytes}).`,
    );
  return `'${label.replaceAll("'", "''")}'`;
}

function checkMaxRate(rate: number | undefined): number | undefined {
  if (rate === undefined) return undefined;
  const { min, max } = maxRateRangeKbps;
  if (!Number.isInteger(rate) || rate < min || rate > max)
    throw new BaseBackupCommandError(
      `The bandwidth limit must be a whole number of kB/s from ${min} to ${max} (PostgreSQL's MAX_RATE range), got ${rate}; leave it unset for no limit.`,
    );
  return rate;
}
