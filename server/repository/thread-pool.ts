import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, type Transferable } from 'node:worker_threads';

// Worker threads running one of Cellar's TypeScript modules (the compression and decompression
// threads), with the least busy thread taking the next task. A task and its reply carry an id;
// a reply with `error` rejects its task. A dead thread fails every pending task rather than
// leave them waiting forever, and the pool then refuses all work.

export type ThreadReply = { id: number; error?: undefined } | { id: number; error: string };

export type ThreadPool<Task extends { id: number }, Reply extends ThreadReply> = {
  readonly threads: number;
  /** True once a thread died or the pool was closed. */
  readonly failed: boolean;
  submit(make: (id: number) => Task, transfer?: Transferable[]): Promise<Exclude<Reply, { error: string }>>;
  /** One task to every thread; resolves when all answered. */
  broadcast(make: (id: number) => Task): Promise<Exclude<Reply, { error: string }>[]>;
  close(): Promise<void>;
};

// The threads load their TypeScript through tsx's CommonJS hooks, whatever loader the parent
// used (the web and worker processes run under `node --import tsx`, tests under vitest); tsx's
// ESM register() would start a loader-hooks thread of its own per thread (about 20 MB and most
// of a second of CPU each, measured with bench:backup). Both are resolved inside the thread,
// from the source tree, so that no bundler follows them from here. A thread would inherit the
// parent's `--import tsx` too (and start that hooks thread anyway: 450 instead of 180 ms until a
// pool answers, measured with bench:restore), so loader options are left out of its execArgv.
// A pool may ask for a lower CPU priority: on Linux setpriority() on a thread id renices just
// that thread (where /proc/thread-self is missing, the thread keeps the process's priority).
const loaderOptions = new Set([
  '--import',
  '--require',
  '-r',
  '--loader',
  '--experimental-loader',
  '--eval',
  '-e',
]);

/** The parent's Node options without those that load modules (profiling and memory flags stay). */
export function threadExecArgv(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i] as string;
    const name = arg.split('=')[0] as string;
    if (!loaderOptions.has(name)) kept.push(arg);
    else if (!arg.includes('=')) i++; // its value is the next argument
  }
  return kept;
}

const bootstrap = `
const { workerData } = require('node:worker_threads');
if (workerData.nice) {
  try {
    const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
    require('node:os').setPriority(tid, workerData.nice);
  } catch {}
}
const { createRequire } = require('node:module');
const { join } = require('node:path');
const fromRoot = createRequire(join(workerData.root, 'package.json'));
fromRoot('tsx/cjs/api').register();
fromRoot(join(workerData.root, workerData.entry));
`;

/** The directory holding Cellar's sources, which the threads load. */
function sourceRoot(): string {
  // Under tsx and vitest this module is its own source file. Inside the web server's bundle it
  // is a chunk of the build: that process runs from the project root (bin/cellar-web.ts).
  const self = fileURLToPath(import.meta.url);
  const inSources = self.endsWith(path.join('server', 'repository', 'thread-pool.ts'));
  return inSources ? path.resolve(path.dirname(self), '..', '..') : process.cwd();
}

type Pending = { resolve: (reply: never) => void; reject: (error: Error) => void };

/** `entry`: the thread's module, relative to the project root. */
export function createThreadPool<Task extends { id: number }, Reply extends ThreadReply>(options: {
  entry: string;
  threads: number;
  label: string;
  /** A long-lived pool must not keep its process alive on its own. */
  unref?: boolean;
  /** A niceness for background work (0: the process's own priority). */
  nice?: number;
}): ThreadPool<Task, Reply> {
  const root = sourceRoot();
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const task of pending.values()) task.reject(failure);
    pending.clear();
  };

  const slots = Array.from({ length: options.threads }, () => {
    const worker = new Worker(bootstrap, {
      eval: true,
      execArgv: threadExecArgv(process.execArgv),
      workerData: { root, entry: options.entry, nice: options.nice ?? 0 },
    });
    if (options.unref) worker.unref();
    const slot = { worker, busy: 0 };
    worker.on('message', (reply: Reply) => {
      const task = pending.get(reply.id);
      if (!task) return;
      pending.delete(reply.id);
      slot.busy--;
      if (typeof reply.error === 'string') task.reject(new Error(`${options.label} failed: ${reply.error}`));
      else task.resolve(reply as never);
    });
    worker.on('error', (error) => failAll(error));
    worker.on('exit', (code) => {
      if (code !== 0) failAll(new Error(`A ${options.label.toLowerCase()} thread exited with code ${code}.`));
    });
    return slot;
  });

  const send = (
    slot: (typeof slots)[number],
    make: (id: number) => Task,
    transfer: Transferable[],
  ): Promise<never> => {
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      slot.busy++;
      slot.worker.postMessage(make(id), transfer);
    });
  };

  return {
    threads: options.threads,
    get failed() {
      return failure !== undefined;
    },
    submit(make, transfer = []) {
      // Least busy thread; ties go to the first, which keeps small jobs on few threads.
      return send(
        slots.reduce((best, s) => (s.busy < best.busy ? s : best)),
        make,
        transfer,
      );
    },
    broadcast(make) {
      return Promise.all(slots.map((slot) => send(slot, make, [])));
    },
    async close() {
      failAll(new Error(`The ${options.label.toLowerCase()} pool was closed.`));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
