import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';

const run = promisify(execFile);
const gnuTime = '/usr/bin/time';

// A command timed from here, with its CPU time (it and every child it waited for) and peak RSS
// from GNU time when installed: what each tool of the benchmark costs, not only how long.

export type Timed = { seconds: number; cpuSeconds: number | null; maxRssKb: number | null };

export async function timedCommand(command: string, args: string[], options: { uid?: number; gid?: number; env?: NodeJS.ProcessEnv } = {}): Promise<Timed & { stdout: string }> {
  const measured = existsSync(gnuTime);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cellar-bench-time-'));
  const report = path.join(dir, 'time');
  // GNU time runs as the command's user and writes its report as that user.
  if (options.uid !== undefined) await chown(dir, options.uid, options.gid ?? options.uid);
  const [file, fileArgs] = measured ? [gnuTime, ['-f', '%M %U %S', '-o', report, command, ...args]] : [command, args];
  try {
    const started = performance.now();
    let stdout: string;
    try {
      ({ stdout } = await run(file, fileArgs, { ...options, maxBuffer: 64 * 1024 * 1024 }));
    } catch (error) {
      const e = error as { stderr?: string; stdout?: string };
      throw new Error(`${path.basename(command)} ${args.join(' ')} failed:\n${(e.stderr ?? '').slice(-4000)}${(e.stdout ?? '').slice(-2000)}`);
    }
    const seconds = (performance.now() - started) / 1000;
    if (!measured) return { seconds, cpuSeconds: null, maxRssKb: null, stdout };
    // GNU time's last line: "%M %U %S" (a failed command adds a line before it).
    const [rss, user, system] = ((await readFile(report, 'utf8')).trim().split('\n').at(-1) ?? '').split(' ').map(Number);
    return { seconds, cpuSeconds: (user ?? 0) + (system ?? 0), maxRssKb: rss ?? null, stdout };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The median of some numbers (null when there are none). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? null) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
