import { execFile, spawn, type StdioOptions } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { CellarChildResult } from './run-cellar-backup';
import { watchMachineLoad, type MachineLoad } from './machine-load';
import type { BenchMode } from './modes';

// The timed runs: pg_basebackup as PostgreSQL ships it, and Cellar's engine in a child process.

const run = promisify(execFile);
const childScript = fileURLToPath(new URL('./run-cellar-backup.ts', import.meta.url));
const gnuTime = '/usr/bin/time';

export type Timed = {
  seconds: number;
  maxRssKb: number | null;
  /** User + system CPU of the tool's process (null without GNU time). */
  cpuSeconds: number | null;
  machine: MachineLoad | undefined;
};
export type CellarTimed = CellarChildResult & { processSeconds: number };

/** Whether the page cache can be dropped here (root, with a writable /proc/sys/vm). */
export async function canDropCaches(): Promise<boolean> {
  if (process.getuid?.() !== 0) return false;
  try {
    await dropCaches();
    return true;
  } catch {
    return false;
  }
}

/** Writes back dirty pages, then drops the page cache, dentries and inodes. */
export async function dropCaches(): Promise<void> {
  await run('sync');
  await writeFile('/proc/sys/vm/drop_caches', '3\n');
}

/** Apparent bytes under `target` (du -sb): what a backup stores. */
export async function storedBytes(target: string): Promise<number> {
  const { stdout } = await run('du', ['-sb', target]);
  return Number(stdout.split('\t')[0]);
}

export type PgBasebackupRun = {
  binDir: string;
  port: number;
  args: string[];
  /** Undefined: the archive goes to stdout, which is /dev/null. */
  targetDir?: string;
  /** Where GNU time writes the peak RSS. */
  rssFile: string;
};

/** pg_basebackup with wall time measured here and peak RSS from GNU time when installed. */
export async function runPgBasebackup(opts: PgBasebackupRun): Promise<Timed> {
  const binary = path.join(opts.binDir, 'pg_basebackup');
  const args = [
    '-d',
    `host=127.0.0.1 port=${opts.port} user=postgres`,
    ...(opts.targetDir === undefined ? [] : ['-D', opts.targetDir]),
    ...opts.args,
  ];
  const measured = existsSync(gnuTime);
  const [command, commandArgs] = measured
    ? [gnuTime, ['-f', '%M %U %S', '-o', opts.rssFile, binary, ...args]]
    : [binary, args];
  const devNull = opts.targetDir === undefined ? openSync('/dev/null', 'w') : undefined;
  try {
    const load = watchMachineLoad();
    const started = performance.now();
    await spawnChecked(command, commandArgs, ['ignore', devNull ?? 'ignore', 'pipe']);
    const seconds = (performance.now() - started) / 1000;
    const machine = load();
    if (!measured) return { seconds, maxRssKb: null, cpuSeconds: null, machine };
    // GNU time's last line: "%M %U %S" (a failed command adds a line before it).
    const [rss, user, system] = ((await readFile(opts.rssFile, 'utf8')).trim().split('\n').at(-1) ?? '')
      .split(' ')
      .map(Number);
    return { seconds, maxRssKb: rss ?? null, cpuSeconds: (user ?? 0) + (system ?? 0), machine };
  } finally {
    if (devNull !== undefined) closeSync(devNull);
  }
}

export type CellarRun = {
  port: number;
  targetDir: string;
  mode: BenchMode;
  threads?: number;
  cpuProfDir?: string;
};

/** Cellar's writeBaseBackup in a child `node --import tsx` process. */
export async function runCellar(opts: CellarRun): Promise<CellarTimed> {
  const nodeArgs = [
    '--import',
    'tsx',
    ...(opts.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', opts.cpuProfDir] : []),
  ];
  const args = [
    ...nodeArgs,
    childScript,
    '--port',
    String(opts.port),
    '--dir',
    opts.targetDir,
    '--codec',
    opts.mode.codec,
  ];
  if (opts.mode.level !== undefined) args.push('--level', String(opts.mode.level));
  if (opts.threads !== undefined) args.push('--threads', String(opts.threads));
  const started = performance.now();
  const stdout = await spawnChecked(process.execPath, args, ['ignore', 'pipe', 'pipe']);
  const processSeconds = (performance.now() - started) / 1000;
  const line = stdout.trim().split('\n').at(-1) ?? '';
  return { ...(JSON.parse(line) as CellarChildResult), processSeconds };
}

function spawnChecked(command: string, args: string[], stdio: StdioOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve(stdout);
      else
        reject(
          new Error(
            `${path.basename(command)} ${args.join(' ')} failed (${signal ?? `exit ${code}`}):\n${stderr.slice(-4000)}`,
          ),
        );
    });
  });
}
