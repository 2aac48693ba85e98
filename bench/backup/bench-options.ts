import os from 'node:os';
import { parseArgs } from 'node:util';
import type { ClusterKind } from './bench-cluster';

// Command-line options of `npm run bench:backup -- …`.

export type BenchOptions = {
  /** pgbench scale factor: about 15 MB of database per unit (pgbench_accounts and its index). */
  scale: number;
  /** Size of the random-bytes table. */
  randomMib: number;
  reps: number;
  modes: string[] | undefined;
  clusters: ClusterKind[];
  /** Cellar's compression threads; undefined: the engine's default (see backupThreadCount). */
  threads: number | undefined;
  /** After the timed runs, one more Cellar run per mode under --cpu-prof, summarized. */
  profile: boolean;
  /** Where the backups are written (a fresh directory per run); the clusters live in os.tmpdir(). */
  workDir: string;
};

export const usage = `npm run bench:backup -- [--scale N] [--random-mib N] [--reps N] [--modes none,lz4,zstd-1,gzip-1]
                        [--clusters pgbench,random] [--threads N] [--profile] [--work-dir DIR]`;

function positiveInteger(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} must be a positive integer (got "${text}").\n${usage}`);
  return value;
}

export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: 'string' },
      'random-mib': { type: 'string' },
      reps: { type: 'string' },
      modes: { type: 'string' },
      clusters: { type: 'string' },
      threads: { type: 'string' },
      profile: { type: 'boolean', default: false },
      'work-dir': { type: 'string' },
    },
  });
  const clusters = (values.clusters ?? 'pgbench,random').split(',');
  for (const c of clusters)
    if (c !== 'pgbench' && c !== 'random') throw new Error(`Unknown cluster "${c}".\n${usage}`);
  return {
    scale: positiveInteger(values.scale, 'scale', 100),
    randomMib: positiveInteger(values['random-mib'], 'random-mib', 400),
    reps: positiveInteger(values.reps, 'reps', 3),
    modes: values.modes?.split(','),
    clusters: clusters as ClusterKind[],
    threads: values.threads === undefined ? undefined : positiveInteger(values.threads, 'threads', 1),
    profile: values.profile,
    workDir: values['work-dir'] ?? os.tmpdir(),
  };
}
