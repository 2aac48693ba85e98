import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { writeBaseBackup } from '../../server/backup/write-base-backup';
import type { Codec } from '../../server/repository/codecs';
import { watchMachineLoad, type MachineLoad } from './machine-load';

// One Cellar backup in a process of its own, so that its peak RSS (main thread and compression
// threads together) is the backup's alone. Prints one JSON line: CellarChildResult.

export type CellarChildResult = {
  /** writeBaseBackup from call to return: connect, checkpoint, stream, fsync, manifest check. */
  seconds: number;
  /** Peak resident set of the whole process, in KiB (getrusage ru_maxrss). */
  maxRssKb: number;
  /** CPU time of every thread of the process during the backup. */
  cpuUserSeconds: number;
  cpuSystemSeconds: number;
  /** Share of the backup during which the main thread's event loop was busy (0–1). */
  mainThreadBusy: number;
  /** The whole machine during the backup (this process, the server, anything else running). */
  machine: MachineLoad | undefined;
  files: number;
  bytes: number;
  storedBytes: number;
};

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    dir: { type: 'string' },
    codec: { type: 'string' },
    level: { type: 'string' },
    threads: { type: 'string' },
  },
});
if (!values.port || !values.dir || !values.codec)
  throw new Error(
    'usage: run-cellar-backup.ts --port N --dir DIR --codec none|lz4|zstd|gzip [--level N] [--threads N]',
  );

const cpuBefore = process.cpuUsage();
const loopBefore = performance.eventLoopUtilization();
const load = watchMachineLoad();
const started = performance.now();
const written = await writeBaseBackup({
  clientConfig: { host: '127.0.0.1', port: Number(values.port), user: 'postgres', database: 'postgres' },
  dir: values.dir,
  label: 'cellar bench',
  checkpoint: 'fast',
  wal: false,
  codec: values.codec as Codec,
  level: values.level === undefined ? null : Number(values.level),
  ...(values.threads === undefined ? {} : { threads: Number(values.threads) }),
});
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const result: CellarChildResult = {
  seconds,
  maxRssKb: process.resourceUsage().maxRSS,
  cpuUserSeconds: cpu.user / 1e6,
  cpuSystemSeconds: cpu.system / 1e6,
  mainThreadBusy: performance.eventLoopUtilization(loopBefore).utilization,
  machine: load(),
  files: written.files.length,
  bytes: written.files.reduce((sum, f) => sum + f.size, 0),
  storedBytes: written.files.reduce((sum, f) => sum + f.storedSize, 0),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
