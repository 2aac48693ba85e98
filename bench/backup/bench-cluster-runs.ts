import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PostgresServer } from '../../server/testing/postgres-server';
import { dropCaches, runCellar, runPgBasebackup, storedBytes } from './backup-runners';
import {
  clusterSizes,
  loadCluster,
  startBenchCluster,
  type ClusterKind,
  type ClusterSizes,
} from './bench-cluster';
import type { BenchOptions } from './bench-options';
import { selectModes, streamOnlyModes, withSha256Manifest, type BenchMode } from './modes';
import {
  cellarDetailTable,
  comparisonTable,
  streamTable,
  type ModeRuns,
  type StreamRuns,
} from './results-table';
import { formatSummary, summarizeProfile, type ProfileSummary } from './summarize-profile';

// One cluster's share of the benchmark: load it, then alternate pg_basebackup and Cellar over
// every mode, repetition after repetition, each run into a fresh directory that is removed after.

export type ClusterResult = {
  kind: ClusterKind;
  loadSeconds: number;
  sizes: ClusterSizes;
  modes: ModeRuns[];
  streams: StreamRuns[];
  profiles: { mode: string; threads: ProfileSummary[] }[];
};

export type RunContext = { options: BenchOptions; dropCaches: boolean; profileDir: string };

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

export async function benchCluster(kind: ClusterKind, ctx: RunContext): Promise<ClusterResult> {
  console.log(`\n== ${kind} cluster ==`);
  const server = await startBenchCluster();
  try {
    const loadStarted = performance.now();
    const database = await loadCluster(server, kind, {
      scale: ctx.options.scale,
      randomMib: ctx.options.randomMib,
    });
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const sizes = await clusterSizes(server, database);
    console.log(
      `loaded in ${loadSeconds.toFixed(0)} s: database ${database} ${mib(sizes.databaseBytes)}; cluster ${mib(sizes.clusterBytes)}, of which pg_wal ${mib(sizes.walBytes)} (not backed up: -Xnone / WAL false)`,
    );
    const modes = selectModes(ctx.options.modes);
    const runs: ModeRuns[] = modes.map((m) => ({
      mode: m.name,
      pgBasebackup: [],
      pgBasebackupSha256: [],
      cellar: [],
    }));
    const streams: StreamRuns[] = streamOnlyModes.map((s) => ({ name: s.name, runs: [] }));
    for (let rep = 0; rep < ctx.options.reps; rep++) {
      for (const [i, mode] of modes.entries()) {
        const target = runs[i] as ModeRuns;
        // Alternate who goes first, so neither tool always follows the other's writeback.
        const order =
          rep % 2 === 0 ? (['pg', 'pg-sha256', 'cellar'] as const) : (['cellar', 'pg-sha256', 'pg'] as const);
        for (const tool of order) {
          let run: { seconds: number; storedBytes: number };
          if (tool === 'cellar') target.cellar.push((run = await timedCellar(server, mode, ctx)));
          else if (tool === 'pg')
            target.pgBasebackup.push((run = await timedPgBasebackup(server, mode.pgBasebackupArgs, ctx)));
          else
            target.pgBasebackupSha256.push(
              (run = await timedPgBasebackup(server, withSha256Manifest(mode.pgBasebackupArgs), ctx)),
            );
          const label = { pg: 'pg_basebackup', 'pg-sha256': 'pg_basebackup SHA-256', cellar: 'Cellar' }[tool];
          console.log(
            `[${kind} ${rep + 1}/${ctx.options.reps}] ${mode.name.padEnd(6)} ${label.padEnd(21)} ${run.seconds.toFixed(2)} s, stored ${mib(run.storedBytes)}`,
          );
        }
      }
      for (const [i, stream] of streamOnlyModes.entries())
        (streams[i] as StreamRuns).runs.push(await timedStream(server, [...stream.args], ctx));
    }
    console.log(
      `\n${kind}: ${database} ${mib(sizes.databaseBytes)}, cluster ${mib(sizes.clusterBytes)} (pg_wal ${mib(sizes.walBytes)})\n`,
    );
    console.log(comparisonTable(runs));
    console.log(`\n${cellarDetailTable(runs)}\n\n${streamTable(streams)}`);
    const profiles = ctx.options.profile ? await profileModes(server, kind, modes, ctx) : [];
    return { kind, loadSeconds, sizes, modes: runs, streams, profiles };
  } finally {
    await server.destroy();
  }
}

async function inFreshDir<T>(ctx: RunContext, job: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(ctx.options.workDir, 'cellar-bench-'));
  try {
    if (ctx.dropCaches) await dropCaches();
    return await job(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function timedPgBasebackup(server: PostgresServer, args: string[], ctx: RunContext) {
  return inFreshDir(ctx, async (dir) => {
    const targetDir = path.join(dir, 'backup');
    const timed = await runPgBasebackup({
      binDir: server.binDir,
      port: server.port,
      args,
      targetDir,
      rssFile: path.join(dir, 'rss'),
    });
    return { ...timed, storedBytes: await storedBytes(targetDir) };
  });
}

function timedCellar(server: PostgresServer, mode: BenchMode, ctx: RunContext) {
  return inFreshDir(ctx, async (dir) => {
    const targetDir = path.join(dir, 'backup');
    const timed = await runCellar({ port: server.port, targetDir, mode, threads: ctx.options.threads });
    return { ...timed, storedBytes: await storedBytes(targetDir) };
  });
}

function timedStream(server: PostgresServer, args: string[], ctx: RunContext) {
  return inFreshDir(ctx, (dir) =>
    runPgBasebackup({ binDir: server.binDir, port: server.port, args, rssFile: path.join(dir, 'rss') }),
  );
}

/** One extra Cellar run per mode under --cpu-prof (not timed): a profile per thread. */
async function profileModes(server: PostgresServer, kind: ClusterKind, modes: BenchMode[], ctx: RunContext) {
  const profiles: ClusterResult['profiles'] = [];
  for (const mode of modes) {
    const cpuProfDir = path.join(ctx.profileDir, `${kind}-${mode.name}`);
    await mkdir(cpuProfDir, { recursive: true });
    await inFreshDir(ctx, (dir) =>
      runCellar({
        port: server.port,
        targetDir: path.join(dir, 'backup'),
        mode,
        threads: ctx.options.threads,
        cpuProfDir,
      }),
    );
    const files = (await readdir(cpuProfDir)).filter((f) => f.endsWith('.cpuprofile')).sort();
    const threads = await Promise.all(files.map((f) => summarizeProfile(path.join(cpuProfDir, f))));
    console.log(`\nCPU profile, ${kind} ${mode.name} (${path.relative(process.cwd(), cpuProfDir)}):`);
    for (const summary of threads) console.log(formatSummary(summary));
    profiles.push({ mode: mode.name, threads });
  }
  return profiles;
}
