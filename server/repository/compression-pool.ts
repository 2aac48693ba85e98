import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Codec } from './codecs';
import type { CompressReply, CompressTask } from './compression-thread';

// A pool of worker threads that compress blocks, so a backup uses every core: the main thread
// parses the stream and hashes, the threads compress. Blocks are independent frames (see
// codecs.ts), so the blocks of one large file compress in parallel too.

export type CompressionPool = {
  readonly threads: number;
  /** True once a thread died or the pool was closed: it then refuses all work. */
  readonly failed: boolean;
  /**
   * Compresses one block into one frame. The block's memory is transferred: do not touch it
   * afterwards; it comes back, unchanged, as `block` of the result.
   */
  compress(codec: Codec, level: number | undefined, block: Uint8Array): Promise<CompressedBlock>;
  close(): Promise<void>;
};

export type CompressedBlock = { frame: Buffer; block: Buffer };

type Pending = { resolve: (result: CompressedBlock) => void; reject: (error: Error) => void };
type Slot = { worker: Worker; busy: number };

// The threads are TypeScript: they load it through tsx whatever loader the parent used (the
// web and worker processes run under `node --import tsx`, tests under vitest). tsx's CommonJS
// hooks run inside the thread; its ESM register() would start a loader-hooks thread of its own
// for every compression thread (about 20 MB and most of a second of CPU each, measured with
// bench:backup). Both are resolved inside the thread, from the source tree, so that no bundler
// follows them from here.
// A pool may ask for a lower CPU priority: on Linux setpriority() on a thread id renices just
// that thread (where /proc/thread-self is missing, the thread keeps the process's priority).
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
fromRoot(join(workerData.root, 'server/repository/compression-thread.ts'));
`;

/** The directory holding Cellar's sources, which the threads load. */
function sourceRoot(): string {
  // Under tsx and vitest this module is its own source file. Inside the web server's bundle it
  // is a chunk of the build: that process runs from the project root (bin/cellar-web.ts).
  const self = fileURLToPath(import.meta.url);
  const inSources = self.endsWith(path.join('server', 'repository', 'compression-pool.ts'));
  return inSources ? path.resolve(path.dirname(self), '..', '..') : process.cwd();
}

export function defaultThreadCount(): number {
  const configured = Number(process.env.CELLAR_COMPRESSION_THREADS);
  return Number.isInteger(configured) && configured > 0 ? configured : availableParallelism();
}

export function createCompressionPool(threads = defaultThreadCount(), options: { unref?: boolean; nice?: number } = {}): CompressionPool {
  const root = sourceRoot();
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let failure: Error | undefined;

  const slots: Slot[] = Array.from({ length: threads }, () => {
    const worker = new Worker(bootstrap, { eval: true, workerData: { root, nice: options.nice ?? 0 } });
    // A long-lived pool (the WAL archive's) must not keep its process alive on its own.
    if (options.unref) worker.unref();
    worker.on('message', (reply: CompressReply) => {
      const task = pending.get(reply.id);
      if (!task) return;
      pending.delete(reply.id);
      slot.busy--;
      if ('error' in reply) task.reject(new Error(`Compression failed: ${reply.error}`));
      else task.resolve({ frame: asBuffer(reply.frame), block: asBuffer(reply.block) });
    });
    // A dead thread takes its tasks with it: fail everything rather than wait forever.
    worker.on('error', (error) => failAll(error));
    worker.on('exit', (code) => {
      if (code !== 0) failAll(new Error(`A compression thread exited with code ${code}.`));
    });
    const slot: Slot = { worker, busy: 0 };
    return slot;
  });

  function failAll(error: Error): void {
    failure ??= error;
    for (const task of pending.values()) task.reject(failure);
    pending.clear();
  }

  return {
    threads,
    get failed() {
      return failure !== undefined;
    },
    compress(codec, level, block) {
      if (failure) return Promise.reject(failure);
      // Least busy thread; ties go to the first, which keeps small backups on few threads.
      const slot = slots.reduce((best, s) => (s.busy < best.busy ? s : best));
      const id = nextId++;
      return new Promise<CompressedBlock>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        slot.busy++;
        // Cloning a view would copy its whole underlying buffer: send a block that owns its memory.
        const whole = block.byteOffset === 0 && block.byteLength === block.buffer.byteLength;
        const owned = whole ? block : new Uint8Array(block);
        const task: CompressTask = { id, codec, level, block: owned };
        slot.worker.postMessage(task, [owned.buffer as ArrayBuffer]);
      });
    },
    async close() {
      failAll(new Error('The compression pool was closed.'));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

/**
 * Compresses a whole buffer as independent blocks in parallel (one frame each), for files that
 * arrive whole (WAL segments). The frames, concatenated, are the stored file.
 */
export async function compressInBlocks(pool: CompressionPool, codec: Codec, level: number | undefined, data: Buffer, blockSize = 1024 * 1024): Promise<Buffer> {
  if (codec === 'none') return data;
  const blocks: Promise<CompressedBlock>[] = [];
  for (let offset = 0; offset < data.length || blocks.length === 0; offset += blockSize) {
    blocks.push(pool.compress(codec, level, new Uint8Array(data.subarray(offset, offset + blockSize))));
  }
  return Buffer.concat((await Promise.all(blocks)).map((b) => b.frame));
}

let walPool: CompressionPool | undefined;

/**
 * The process's pool for WAL files, created on first use. Its threads run at a lower priority:
 * storing a finished segment is background work, and must not take the CPU from the stream
 * that receives the next one (each burst showed as receive lag in bench:wal).
 */
export function sharedCompressionPool(): CompressionPool {
  if (walPool?.failed) walPool = undefined;
  walPool ??= createCompressionPool(Math.min(2, defaultThreadCount()), { unref: true, nice: 10 });
  return walPool;
}

function asBuffer(view: Uint8Array): Buffer {
  return Buffer.from(view.buffer, view.byteOffset, view.byteLength);
}
