import type { Codec } from '../../server/repository/codecs';

// The modes the benchmark compares: Cellar's per-file codec against pg_basebackup's client-side
// compression of the same algorithm and level. Neither side keeps WAL (-Xnone / WAL false), both
// request a fast checkpoint, and both fsync what they wrote (pg_basebackup without --no-sync).

export type BenchMode = {
  name: string;
  codec: Codec;
  level?: number;
  /** pg_basebackup's arguments after the connection and the target directory. */
  pgBasebackupArgs: string[];
};

const common = ['-Xnone', '-c', 'fast'];

export const benchModes: readonly BenchMode[] = [
  { name: 'none', codec: 'none', pgBasebackupArgs: ['-Fp', ...common] },
  { name: 'lz4', codec: 'lz4', pgBasebackupArgs: ['-Ft', ...common, '--compress=client-lz4'] },
  {
    name: 'zstd-1',
    codec: 'zstd',
    level: 1,
    pgBasebackupArgs: ['-Ft', ...common, '--compress=client-zstd:1'],
  },
  {
    name: 'gzip-1',
    codec: 'gzip',
    level: 1,
    pgBasebackupArgs: ['-Ft', ...common, '--compress=client-gzip:1'],
  },
];

/**
 * pg_basebackup's arguments with the manifest checksums Cellar asks for. Its default, CRC32C,
 * costs the server far less than SHA-256 (see the /dev/null references): the like-for-like run.
 */
export const withSha256Manifest = (args: readonly string[]) => [...args, '--manifest-checksums=SHA256'];

/** Reference runs that store nothing: what the server and the socket deliver on their own. */
export const streamOnlyModes = [
  { name: 'stream to /dev/null (CRC32C manifest)', args: ['-Ft', '-D', '-', ...common] },
  {
    name: 'stream to /dev/null (SHA256 manifest, as Cellar asks)',
    args: ['-Ft', '-D', '-', ...common, '--manifest-checksums=SHA256'],
  },
] as const;

export function selectModes(names: readonly string[] | undefined): BenchMode[] {
  if (!names) return [...benchModes];
  return names.map((name) => {
    const mode = benchModes.find((m) => m.name === name);
    if (!mode)
      throw new Error(`Unknown mode "${name}"; the modes are ${benchModes.map((m) => m.name).join(', ')}.`);
    return mode;
  });
}
