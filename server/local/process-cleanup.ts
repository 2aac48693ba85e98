import { isMainThread } from 'node:worker_threads';

// Servers started by tests outlive the test process unless someone stops them: PostgreSQL
// daemonizes through pg_ctl, so not even the kernel ties it to us. Every harness server registers
// a synchronous, best-effort cleanup here; it runs on normal exit and on the usual signals.

type Cleanup = () => void;

const cleanups = new Set<Cleanup>();
let installed = false;

const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function runAll(): void {
  for (const cleanup of [...cleanups]) {
    cleanups.delete(cleanup);
    try {
      cleanup();
    } catch {
      // Best effort: one failing cleanup must not keep the others from running.
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  runAll();
  process.removeListener(signal, onSignal);
  // Re-raise so the default action (exit) still happens when nobody else handles the signal.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', runAll);
  // Worker threads never receive signal events; their process-level owner does the cleanup.
  if (isMainThread) for (const signal of signals) process.on(signal, onSignal);
}

/** Registers a synchronous cleanup to run when the process ends; returns the unregister function. */
export function onProcessExit(cleanup: Cleanup): () => void {
  install();
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
}
