import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { pgBinDir } from '../server/local/postgres-binaries';
import { parseLsn } from '../server/pg/lsn';
import { walSegmentName } from '../server/pg/wal-name';
import { startPostgres } from '../server/testing/postgres-server';
import { firstSegmentStats, measureWalIndex } from './wal-index-measure';

// How fast the WAL index reads pgbench WAL, next to pg_waldump (PostgreSQL 15) on the same
// segments (the measuring is in wal-index-measure.ts). Usage:
// npm run bench:wal-index -- [segments=16] [rounds=5] [directory]
// With a directory, segments found there are reused (and generated ones kept there).

const run = promisify(execFile);
const segmentCount = Number(process.argv[2] ?? 16);
const rounds = Number(process.argv[3] ?? 5);
const keepDir = process.argv[4];
const segmentSize = 16 * 1024 * 1024;

async function generateWal(dir: string): Promise<string[]> {
  const server = await startPostgres({
    major: 15,
    settings: { wal_keep_size: '4GB', max_wal_size: '4GB', synchronous_commit: false },
  });
  try {
    const pgbench = path.join(pgBinDir(15), 'pgbench');
    const connection = ['-h', server.host, '-p', String(server.port), '-U', 'postgres', 'postgres'];
    await run(pgbench, ['-i', '-s', '10', '-q', ...connection]);
    // The run starts after a checkpoint, so it logs full-page images as a real workload does.
    await server.query('CHECKPOINT');
    const lsn = async () =>
      parseLsn((await server.query<{ l: string }>('SELECT pg_current_wal_lsn()::text AS l')).rows[0]!.l);
    const start = await lsn();
    const firstSegno = start / BigInt(segmentSize) + 1n;
    const wanted = (firstSegno + BigInt(segmentCount) + 1n) * BigInt(segmentSize);
    while ((await lsn()) < wanted)
      await run(pgbench, ['-c', '4', '-j', '2', '-t', '3000', '-n', ...connection]);
    await server.query('SELECT pg_switch_wal()');
    const names: string[] = [];
    for (let segno = firstSegno; segno < firstSegno + BigInt(segmentCount); segno++) {
      const name = walSegmentName({ timeline: 1, segno });
      await copyFile(path.join(server.dataDir, 'pg_wal', name), path.join(dir, name));
      names.push(name);
    }
    return names;
  } finally {
    await server.destroy();
  }
}

async function segmentsIn(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => /^[0-9A-F]{24}$/.test(name)).sort();
  return names.slice(0, segmentCount);
}

async function main(): Promise<void> {
  const dir = keepDir ?? (await mkdtemp(path.join(os.tmpdir(), 'cellar-bench-wal-')));
  try {
    let names = keepDir ? await segmentsIn(dir) : [];
    if (names.length < segmentCount) {
      console.log(`Generating ${segmentCount} segments of pgbench WAL on PostgreSQL 15…`);
      names = await generateWal(dir);
    }
    const stats = firstSegmentStats(dir, names[0]!);
    console.log(`First segment: ${stats.records} records, ${stats.commits} commits.`);
    const speeds = await measureWalIndex(dir, names, rounds);
    const megabytes = (segmentCount * segmentSize) / 1e6;
    console.log(`\n${segmentCount} segments (${megabytes.toFixed(0)} MB), median of ${rounds} rounds:`);
    console.log(`${'tool'.padEnd(30)}${'MB/s wall'.padStart(10)}${'MB/s CPU'.padStart(10)}`);
    for (const { tool, wallMBps, cpuMBps } of speeds)
      console.log(`${tool.padEnd(30)}${wallMBps.toFixed(0).padStart(10)}${cpuMBps.toFixed(0).padStart(10)}`);
  } finally {
    if (!keepDir) await rm(dir, { recursive: true, force: true });
  }
}

await main();
