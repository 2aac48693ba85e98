import { execFile, execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { spawnAs, type OsUser } from './unprivileged-user';

const run = promisify(execFile);

// pg_ctl daemonizes the postmaster, so these helpers drive it through pg_ctl and the data
// directory's postmaster.pid rather than through a ChildProcess handle.

export type PgProcess = {
  binDir: string;
  baseDir: string;
  dataDir: string;
  logFile: string;
  user: OsUser;
};

export type StopMode = 'smart' | 'fast' | 'immediate';

export async function logTail(logFile: string, lines = 40): Promise<string> {
  const text = await readFile(logFile, 'utf8').catch(() => '(no server log was written)');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

export async function pgCtlStart(p: PgProcess): Promise<void> {
  const args = ['start', '-w', '-t', '60', '-D', p.dataDir, '-l', p.logFile];
  try {
    await run(path.join(p.binDir, 'pg_ctl'), args, { cwd: p.baseDir, ...spawnAs(p.user) });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const tail = await logTail(p.logFile);
    throw new Error(`PostgreSQL in ${p.dataDir} did not start (${reason}).\n--- server log (tail) ---\n${tail}`);
  }
}

export async function pgCtlStop(p: PgProcess, mode: StopMode): Promise<void> {
  // No postmaster.pid means nothing runs (never started, stopped, or killed and cleaned up).
  if (!existsSync(path.join(p.dataDir, 'postmaster.pid'))) return;
  const args = ['stop', '-w', '-t', '60', '-D', p.dataDir, '-m', mode];
  await run(path.join(p.binDir, 'pg_ctl'), args, { cwd: p.baseDir, ...spawnAs(p.user) });
}

/** Synchronous and forgiving: used from process-exit cleanup, where nothing async runs. */
export function destroySync(p: PgProcess): void {
  try {
    if (existsSync(path.join(p.dataDir, 'postmaster.pid'))) {
      const args = ['stop', '-w', '-t', '10', '-D', p.dataDir, '-m', 'immediate'];
      execFileSync(path.join(p.binDir, 'pg_ctl'), args, { stdio: 'ignore', cwd: '/', ...spawnAs(p.user) });
    }
  } catch {
    // Already gone, or refusing; removing the directory is still worth trying.
  }
  rmSync(p.baseDir, { recursive: true, force: true });
}

type ProcState = { state: string; ppid: number };

async function procState(pid: number): Promise<ProcState | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return undefined;
  // The command name is in parentheses and may itself contain spaces or parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { state: fields[0] ?? '?', ppid: Number(fields[1]) };
}

async function childrenOf(pid: number): Promise<number[]> {
  const entries = await readdir('/proc');
  const pids = entries.filter((e) => /^\d+$/.test(e)).map(Number);
  const states = await Promise.all(pids.map(async (child) => ({ child, s: await procState(child) })));
  return states.filter(({ s }) => s?.ppid === pid).map(({ child }) => child);
}

/** Alive means running; a zombie is dead, it only waits for a parent that may never reap it. */
async function isAlive(pid: number): Promise<boolean> {
  const s = await procState(pid);
  return s !== undefined && s.state !== 'Z' && s.state !== 'X';
}

async function waitGone(pids: number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alive = (await Promise.all(pids.map(async (pid) => ((await isAlive(pid)) ? pid : 0)))).filter(Boolean);
    if (alive.length === 0 || Date.now() > deadline) return alive;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * SIGKILLs the postmaster, as an OOM kill or power loss would, and waits until its children have
 * noticed and exited: a restart fails while old backends still hold the shared memory segment.
 */
export async function killPostmaster(p: PgProcess): Promise<void> {
  const pidFile = path.join(p.dataDir, 'postmaster.pid');
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`Unreadable ${pidFile}`);
  const children = await childrenOf(pid);
  process.kill(pid, 'SIGKILL');
  const survivors = await waitGone([pid, ...children], 10_000);
  for (const survivor of survivors) process.kill(survivor, 'SIGKILL');
  await waitGone(survivors, 5_000);
  // The postmaster's parent is whatever adopted it after pg_ctl exited; if that never reaps (a
  // container's pid 1 often does not), the zombie's pid stays valid and PostgreSQL, finding it in
  // postmaster.pid and the socket lock file, would refuse to start, taking it for a live server.
  if ((await procState(pid)) !== undefined) await removeLockFiles(p);
}

async function removeLockFiles(p: PgProcess): Promise<void> {
  const socketLocks = (await readdir(p.baseDir)).filter((name) => /^\.s\.PGSQL\.\d+\.lock$/.test(name));
  const files = [path.join(p.dataDir, 'postmaster.pid'), ...socketLocks.map((name) => path.join(p.baseDir, name))];
  await Promise.all(files.map((file) => rm(file, { force: true })));
}
