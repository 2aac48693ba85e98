import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { onProcessExit } from '../local/process-cleanup';

// Test support: the real WAL receiver process (workers/wal-receiver.ts) as a child, so tests can
// SIGKILL it the way a crash or an OOM kill would.

const repoRoot = path.resolve(import.meta.dirname, '../..');

export type ReceiverProcess = {
  readonly pid: number;
  readonly child: ChildProcess;
  /** SIGKILL: no cleanup, no final sync, the advisory lock freed only by the catalog noticing. */
  kill(): Promise<void>;
  /** SIGTERM: a clean stop. */
  stop(): Promise<void>;
};

export function spawnReceiver(env: { catalogUrl: string; root: string; masterKey: string; logFile: string }): ReceiverProcess {
  const log = createWriteStream(env.logFile, { flags: 'a' });
  const child = spawn(process.execPath, ['--import', 'tsx', 'workers/wal-receiver.ts'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: env.catalogUrl, CELLAR_REPOSITORY: env.root, CELLAR_SECRET_KEY: env.masterKey, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const unregister = onProcessExit(() => child.kill('SIGKILL'));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(unregister);
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return { pid: child.pid ?? -1, child, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}
