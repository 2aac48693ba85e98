import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { canDropCaches } from './backup-runners';
import { benchCluster, type ClusterResult } from './bench-cluster-runs';
import { parseBenchOptions } from './bench-options';
import { comparisonTable } from './results-table';

// npm run bench:backup [-- --scale N]: Cellar's base backup engine against pg_basebackup, mode
// by mode, on a compressible (pgbench) and an incompressible (random bytes) PostgreSQL 15
// cluster. Prints the tables and writes every run to bench/results/backup-<time>.json.
// Speed is measured here, never asserted: nothing fails on a slow figure.

const options = parseBenchOptions(process.argv.slice(2));
const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const dropping = await canDropCaches();
const context = { options, dropCaches: dropping, profileDir: path.join(resultsDir, 'profiles', stamp) };

console.log(
  `Cellar backup benchmark: pgbench scale ${options.scale}, random ${options.randomMib} MiB, ${options.reps} repetitions, ${os.availableParallelism()} cores, Node ${process.version}`,
);
console.log(
  dropping
    ? 'The page cache is dropped (sync; echo 3 > /proc/sys/vm/drop_caches) before every run: each run reads the cluster from disk.'
    : 'The page cache is NOT dropped (not root): runs after the first read a warm cache.',
);
console.log(
  `Backups are written under ${options.workDir}; both tools fsync what they write. Cellar's figure is writeBaseBackup's own time (node start-up excluded; see "Cellar process s").`,
);

const loadAverage = os.loadavg()[0] ?? 0;
if (loadAverage > 0.5)
  console.log(
    `Load average ${loadAverage.toFixed(1)} at the start: other work shares these ${os.availableParallelism()} cores and inflates wall-clock figures (see "machine busy cores").`,
  );

const clusters: ClusterResult[] = [];
const save = async () => {
  await mkdir(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `backup-${stamp}.json`);
  const host = {
    cores: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
  await writeFile(
    file,
    `${JSON.stringify({ startedAt: stamp, host, options, dropCaches: dropping, clusters }, null, 2)}\n`,
  );
  return file;
};
for (const kind of options.clusters) {
  clusters.push(await benchCluster(kind, context));
  await save();
}

console.log('\n== Summary (ratio = Cellar / pg_basebackup; ≤ 1.00 means Cellar is faster) ==');
for (const c of clusters) {
  console.log(
    `\n${c.kind}: ${c.sizes.database} database ${(c.sizes.databaseBytes / 1024 / 1024).toFixed(0)} MiB, cluster ${(c.sizes.clusterBytes / 1024 / 1024).toFixed(0)} MiB\n`,
  );
  console.log(comparisonTable(c.modes));
}
console.log(`\nResults: ${path.relative(process.cwd(), await save())}`);
