import { appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PgMajor } from './postgres-binaries';

export type PgSettingValue = string | number | boolean;
export type PgSettings = Record<string, PgSettingValue>;

/**
 * Settings every harness server gets: what physical backups and WAL streaming need. Each exists
 * since PostgreSQL 13 (the oldest major started here): a name a major does not know makes its
 * postmaster refuse to start, so a newer setting must be added per major.
 */
export function defaultSettings(port: number, socketDir: string): PgSettings {
  return {
    listen_addresses: '127.0.0.1',
    port,
    unix_socket_directories: socketDir,
    wal_level: 'replica',
    max_wal_senders: 10,
    max_replication_slots: 10,
    // fsync stays on: WAL tests must see what a real server writes and flushes.
    shared_buffers: '32MB',
    // Keeps the log readable when a test fails; the tail goes into startup errors.
    log_line_prefix: '%m [%p] ',
  };
}

export function initdbArgs(dataDir: string, major: PgMajor, dataChecksums: boolean | undefined): string[] {
  const args = ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '--encoding=UTF8', '--locale=C'];
  // PostgreSQL 18 turned checksums on by default; undefined keeps each major's own default.
  if (dataChecksums === true) args.push('--data-checksums');
  if (dataChecksums === false && major >= 18) args.push('--no-data-checksums');
  return args;
}

function formatValue(value: PgSettingValue): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  return `'${value.replaceAll("'", "''")}'`;
}

/** Appends settings to postgresql.conf; a later line wins, so this overrides initdb's values. */
export async function appendSettings(dataDir: string, settings: PgSettings): Promise<void> {
  const lines = Object.entries(settings).map(([name, value]) => `${name} = ${formatValue(value)}`);
  await appendFile(path.join(dataDir, 'postgresql.conf'), `\n# cellar test harness\n${lines.join('\n')}\n`);
}

// Trust is safe only because the server listens on 127.0.0.1 and lives for one test run.
const hba = `local all all trust
local replication all trust
host all all 127.0.0.1/32 trust
host replication all 127.0.0.1/32 trust
`;

export async function writeHba(dataDir: string): Promise<void> {
  await writeFile(path.join(dataDir, 'pg_hba.conf'), hba);
}
