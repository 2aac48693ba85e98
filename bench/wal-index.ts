import { execFile, execFileSync } from 'node:child_process';
import { closeSync, openSync, readSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { pgBinDir } from '../server/local/postgres-binaries';
import { parseLsn } from '../server/pg/lsn';
import { crc32cFinish, crc32cInit, crc32cSourceRange, crcSource } from '../server/pg/wal/crc32c';
import { indexWalFiles } from '../server/pg/wal/index-wal-files';
import { WalIndexer } from '../server/pg/wal/wal-index';
import { WalReader, type WalReaderOptions } from '../server/pg/wal/wal-reader';
import { crc32cUpdate } from '../server/repository/file-checksum';
import { parseWalSegmentName, walSegmentName } from '../server/pg/wal-name';
import { startPostgres } from '../server/testing/postgres-server';

// How fast the WAL index reads pgbench WAL, next to pg_waldump (PostgreSQL 15) on the same
// segments. Usage: npm run bench:wal-index -- [segments=16] [rounds=5] [directory]
// With a directory, segments found there are reused (and generated ones kept there).
// Every tool runs once per round, interleaved, and the median is printed: these machines are
// shared and noisy. MB/s is segment bytes over wall time and over CPU time (user + system).

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

type Timing = { wall: number; cpu: number };

/** Runs a shell command and reads its children's CPU time from bash's `times`. */
function timeCommand(command: string): Timing {
  const started = performance.now();
  const out = execFileSync('bash', ['-c', `${command} >/dev/null 2>&1; times`], {
    env: { ...process.env, TZ: 'UTC' },
  });
  const wall = (performance.now() - started) / 1000;
  const children = out.toString().trim().split('\n').at(-1)!.split(/\s+/).map(parseBashTime);
  return { wall, cpu: children.reduce((a, b) => a + b, 0) };
}

function parseBashTime(text: string): number {
  const match = /^(\d+)m([\d.]+)s$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : 0;
}

async function timeInProcess(work: () => void | Promise<void>): Promise<Timing> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await work();
  // process.cpuUsage counts every thread, so the thread pool's reads are included.
  const cpu = process.cpuUsage(cpuBefore);
  return { wall: (performance.now() - started) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

// One reused buffer, read with pread-sized calls, as pg_waldump reads into its own buffer.
const scratch = Buffer.allocUnsafeSlow(segmentSize);
function readSegment(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    let offset = 0;
    for (let n = 1; n > 0 && offset < segmentSize; offset += n)
      n = readSync(fd, scratch, offset, segmentSize - offset, offset);
    return scratch.subarray(0, offset);
  } finally {
    closeSync(fd);
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
    const files = names.map((name) => path.join(dir, name));
    const segnos = names.map((name) => parseWalSegmentName(name).segno);
    const waldump = path.join(pgBinDir(15), 'pg_waldump');
    const range = `-p ${dir} ${names[0]} ${names.at(-1)}`;
    const stats = new WalIndexer().indexSegment(readSegment(files[0]!), segnos[0]!);
    console.log(`First segment: ${stats.records} records, ${stats.commits} commits.`);
    const index = (options: WalReaderOptions) => () => {
      const indexer = new WalIndexer(options);
      files.forEach((file, i) => indexer.indexSegment(readSegment(file), segnos[i]!));
    };
    const tools: Record<string, () => Timing | Promise<Timing>> = {
      'pg_waldump --stats': () => timeCommand(`${waldump} --stats ${range}`),
      pg_waldump: () => timeCommand(`${waldump} ${range}`),
      "index, crc 'all'": () => timeInProcess(index({ crc: 'all' })),
      "index, crc 'decoded'": () => timeInProcess(index({ crc: 'decoded' })),
      "indexWalFiles, crc 'all'": () =>
        timeInProcess(async () => void (await indexWalFiles(files, { crc: 'all' }))),
      "indexWalFiles, crc 'decoded'": () =>
        timeInProcess(async () => void (await indexWalFiles(files, { crc: 'decoded' }))),
      'record iterator': () =>
        timeInProcess(() => {
          const reader = new WalReader();
          files.forEach((file, i) => {
            for (const record of reader.openSegment(readSegment(file), segnos[i]!).records()) void record;
          });
        }),
      'read files only': () => timeInProcess(() => files.forEach(readSegment)),
      'CRC-32C (wal/crc32c)': () =>
        timeInProcess(() => {
          for (const file of files) {
            const bytes = readSegment(file);
            crc32cFinish(crc32cSourceRange(crc32cInit, crcSource(bytes), 0, bytes.length));
          }
        }),
      'CRC-32C (file-checksum)': () =>
        timeInProcess(() => files.forEach((file) => crc32cUpdate(-1, readSegment(file)))),
    };
    const results = new Map<string, Timing[]>();
    for (let round = 0; round < rounds; round++)
      for (const [name, tool] of Object.entries(tools))
        results.set(name, [...(results.get(name) ?? []), await tool()]);
    const megabytes = (segmentCount * segmentSize) / 1e6;
    const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    console.log(`\n${segmentCount} segments (${megabytes.toFixed(0)} MB), median of ${rounds} rounds:`);
    console.log(`${'tool'.padEnd(30)}${'MB/s wall'.padStart(10)}${'MB/s CPU'.padStart(10)}`);
    for (const [name, timings] of results) {
      const wall = megabytes / median(timings.map((t) => t.wall));
      const cpu = megabytes / median(timings.map((t) => t.cpu));
      console.log(`${name.padEnd(30)}${wall.toFixed(0).padStart(10)}${cpu.toFixed(0).padStart(10)}`);
    }
  } finally {
    if (!keepDir) await rm(dir, { recursive: true, force: true });
  }
}

await main();
