import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { pgBinDir } from '../../server/local/postgres-binaries';
import { onProcessExit } from '../../server/local/process-cleanup';

const run = promisify(execFile);

/** user + system CPU seconds of a process so far (/proc/<pid>/stat, in clock ticks of 1/100 s). */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export type PgReceivewal = { pid: number; stop(): Promise<void> };

/**
 * pg_receivewal from PostgreSQL 15 into `dir`, on its own slot, with --synchronous: it flushes
 * after every write and reports the flush position at once, as Cellar's receiver does. Without
 * it pg_receivewal flushes only when a segment is complete, which is a different durability.
 */
export async function startPgReceivewal(options: { port: number; dir: string; slot: string }): Promise<PgReceivewal> {
  const bin = path.join(pgBinDir(15), 'pg_receivewal');
  const connection = ['-h', '127.0.0.1', '-p', String(options.port), '-U', 'postgres'];
  await run(bin, [...connection, '--slot', options.slot, '--create-slot']);
  const child: ChildProcess = spawn(bin, [...connection, '-D', options.dir, '--slot', options.slot, '--synchronous', '--no-loop'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const unregister = onProcessExit(() => child.kill('SIGKILL'));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    pid: child.pid ?? -1,
    async stop() {
      if (child.exitCode === null) child.kill('SIGINT');
      await exited;
      unregister();
      if (stderr.trim()) console.log(`pg_receivewal said: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
    },
  };
}
