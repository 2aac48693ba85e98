import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import { Readable } from 'node:stream';
import type { Codec } from './codecs';
import { defaultThreadCount } from './compression-pool';
import type { DecompressReply, DecompressTask } from './decompression-thread';

// The restore side of the compression pool: worker threads that decompress stored files, so a
// restore uses every core. Each thread runs several files at once (its reads and writes overlap
// in its own event loop); the least busy thread gets the next one.

export type DecompressionPool = {
  readonly threads: number;
  /** Decompresses `src` into a new file `dest` (refusing an existing one); resolves to its size. */
  toFile(src: string, codec: Codec, dest: string, options?: { mode?: number; fsync?: boolean; sha256?: string }): Promise<number>;
  /** The decompressed content of `src` as a stream, produced in a thread. */
  toStream(src: string, codec: Codec, options?: { sha256?: string }): Readable;
  close(): Promise<void>;
};

type Pending = { resolve: (bytes: number) => void; reject: (error: Error) => void };
type Slot = { worker: Worker; busy: number };

const bootstrap = `
const { workerData } = require('node:worker_threads');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const fromRoot = createRequire(join(workerData.root, 'package.json'));
fromRoot('tsx/cjs/api').register();
fromRoot(join(workerData.root, 'server/repository/decompression-thread.ts'));
`;

// As in compression-pool.ts: the thread loads its TypeScript from the source tree through tsx.
function sourceRoot(): string {
  const self = fileURLToPath(import.meta.url);
  const inSources = self.endsWith(path.join('server', 'repository', 'decompression-pool.ts'));
  return inSources ? path.resolve(path.dirname(self), '..', '..') : process.cwd();
}

export function createDecompressionPool(threads = defaultThreadCount()): DecompressionPool {
  const root = sourceRoot();
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const task of pending.values()) task.reject(failure);
    pending.clear();
  };
  const slots: Slot[] = Array.from({ length: threads }, () => {
    const worker = new Worker(bootstrap, { eval: true, workerData: { root } });
    const slot: Slot = { worker, busy: 0 };
    worker.on('message', (reply: DecompressReply) => {
      const task = pending.get(reply.id);
      if (!task) return;
      pending.delete(reply.id);
      slot.busy--;
      if ('error' in reply) task.reject(new Error(reply.error));
      else task.resolve(reply.bytes);
    });
    worker.on('error', (error) => failAll(error));
    worker.on('exit', (code) => {
      if (code !== 0) failAll(new Error(`A decompression thread exited with code ${code}.`));
    });
    return slot;
  });

  const submit = (make: (id: number) => DecompressTask, transfer: Transferable[] = []): Promise<number> => {
    if (failure) return Promise.reject(failure);
    const slot = slots.reduce((best, s) => (s.busy < best.busy ? s : best));
    const id = nextId++;
    return new Promise<number>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      slot.busy++;
      slot.worker.postMessage(make(id), transfer as never);
    });
  };

  return {
    threads,
    toFile(src, codec, dest, options = {}) {
      return submit((id) => ({ op: 'file', id, src, codec, dest, mode: options.mode ?? 0o600, fsync: options.fsync ?? true, ...(options.sha256 ? { sha256: options.sha256 } : {}) }));
    },
    toStream(src, codec, options = {}) {
      const { port1, port2 } = new MessageChannel();
      // A credit goes back for each chunk the consumer has room for; the rest are owed until it reads.
      let owed = 0;
      const stream = new Readable({
        highWaterMark: 4 * 1024 * 1024,
        read() {
          for (; owed > 0; owed--) port1.postMessage(1);
        },
      });
      port1.on('message', (message: Uint8Array | { end: true }) => {
        if (!(message instanceof Uint8Array)) {
          stream.push(null);
          port1.close();
        } else if (stream.push(Buffer.from(message.buffer, message.byteOffset, message.byteLength))) port1.postMessage(1);
        else owed++;
      });
      submit((id) => ({ op: 'stream', id, src, codec, port: port2, window: 4, ...(options.sha256 ? { sha256: options.sha256 } : {}) }), [port2]).catch((error: unknown) => {
        port1.close();
        stream.destroy(error instanceof Error ? error : new Error(String(error)));
      });
      return stream;
    },
    async close() {
      failAll(new Error('The decompression pool was closed.'));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
