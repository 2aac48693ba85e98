import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pgBinDir } from '../server/local/postgres-binaries';
import { crc32cFinish, crc32cInit, crc32cSourceRange, crcSource } from '../server/pg/wal/crc32c';
import { indexWalFiles, readSegmentFile } from '../server/pg/wal/index-wal-files';
import { WalIndexer } from '../server/pg/wal/wal-index';
import { WalReader } from '../server/pg/wal/wal-reader';
import { crc32cUpdate } from '../server/repository/file-checksum';
import { parseWalSegmentName } from '../server/pg/wal-name';

// The WAL index's speed next to pg_waldump (PostgreSQL 15) on the same segments: every tool runs
// once per round, interleaved, after an untimed warm-up round, and the median is kept (these
// machines are shared and noisy).
// MB/s is segment bytes over wall time and over CPU time (user + system). Used by
// bench/wal-index.ts and by bench:wal on the segments its receivers streamed.

const segmentSize = 16 * 1024 * 1024;

export type IndexSpeed = { tool: string; wallMBps: number; cpuMBps: number };

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

// One reused buffer, as pg_waldump reads into its own buffer.
const scratch = Buffer.allocUnsafeSlow(segmentSize);
const readSegment = (file: string): Buffer => readSegmentFile(file, scratch);


/** Times every tool on `names` (segment files in `dir`); `only` keeps the tools named. */
export async function measureWalIndex(dir: string, names: string[], rounds: number, only?: readonly string[]): Promise<IndexSpeed[]> {
  const files = names.map((name) => path.join(dir, name));
  const segnos = names.map((name) => parseWalSegmentName(name).segno);
  const waldump = path.join(pgBinDir(15), 'pg_waldump');
  const range = `-p ${dir} ${names[0]} ${names.at(-1)}`;
  const tools: Record<string, () => Timing | Promise<Timing>> = {
    'pg_waldump --stats': () => timeCommand(`${waldump} --stats ${range}`),
    pg_waldump: () => timeCommand(`${waldump} ${range}`),
    "indexWalFiles, crc 'all'": () => timeInProcess(() => void indexWalFiles(files, { crc: 'all' })),
    "indexWalFiles, crc 'decoded'": () => timeInProcess(() => void indexWalFiles(files, { crc: 'decoded' })),
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
    'CRC-32C (file-checksum)': () => timeInProcess(() => files.forEach((file) => crc32cUpdate(-1, readSegment(file)))),
  };
  const chosen = Object.entries(tools).filter(([name]) => !only || only.includes(name));
  const results = new Map<string, Timing[]>();
  // One untimed round first: the index runs in long-lived processes (the worker's maintenance),
  // so its steady state is what counts, not V8 compiling it; every tool reads warm pages after it.
  for (const [, tool] of chosen) await tool();
  for (let round = 0; round < rounds; round++)
    for (const [name, tool] of chosen) results.set(name, [...(results.get(name) ?? []), await tool()]);
  const megabytes = (names.length * segmentSize) / 1e6;
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return [...results].map(([tool, timings]) => ({ tool, wallMBps: megabytes / median(timings.map((t) => t.wall)), cpuMBps: megabytes / median(timings.map((t) => t.cpu)) }));
}

/** Records and commits of the first segment: proof the index reads real WAL. */
export function firstSegmentStats(dir: string, name: string): { records: number; commits: number } {
  const stats = new WalIndexer().indexSegment(readSegment(path.join(dir, name)), parseWalSegmentName(name).segno);
  return { records: stats.records, commits: stats.commits };
}
