import { createHash } from 'node:crypto';
import { closeSync, constants, copyFileSync, fstatSync, fsync, openSync, writeSync } from 'node:fs';
import { promisify } from 'node:util';
import { parentPort, type MessagePort } from 'node:worker_threads';
import type { Codec } from './codecs';
import { StoredFileReader } from './stored-file-reader';

// One thread of the decompression pool (restores). A stored file is read, decompressed and
// written synchronously, one frame at a time with large positional writes (StoredFileReader):
// this thread has nothing else to do, and no byte waits on a stream, a promise or the libuv
// pool. Only the fsync goes to the pool, so the next file starts while the disk catches up; with
// `deferSync` the file is even reported written before its fsync ends, and a 'flush' task waits
// for every fsync still running (so a lane is never held by a disk that is catching up).
// A file is either written to its place on this host or posted to the main thread over a
// MessagePort, with credit-based flow control (a remote destination writes it over SFTP).

export type DecompressFileTask = { op: 'file'; id: number; src: string; codec: Codec; dest: string; mode: number; fsync: boolean; deferSync: boolean; sha256?: string };
export type DecompressStreamTask = { op: 'stream'; id: number; src: string; codec: Codec; port: MessagePort; window: number; sha256?: string };
export type FlushTask = { op: 'flush'; id: number };
export type DecompressTask = DecompressFileTask | DecompressStreamTask | FlushTask;
export type DecompressReply = { id: number; bytes: number } | { id: number; error: string };

const fsyncAsync = promisify(fsync);
/**
 * Let messages and finished fsyncs in between this many bytes of one file. It also bounds memory:
 * lz4-napi's output buffers are freed by finalizers that run only when the event loop turns (a
 * synchronous loop over 8,000 frames grows to 8 GB; turning every 8 frames keeps it flat).
 */
const YIELD_EVERY = 8 * 1024 * 1024;
/** At most this much per message, so `window` messages in flight stay a few MiB. */
const POST_BYTES = 1024 * 1024;
const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

async function toFile(task: DecompressFileTask): Promise<number> {
  if (task.codec === 'none' && !task.sha256) {
    // copy_file_range: the kernel copies, nothing passes through this thread.
    copyFileSync(task.src, task.dest, constants.COPYFILE_EXCL);
    return finish(openSync(task.dest, 'r'), task, (fd) => fstatSync(fd).size);
  }
  const fd = openSync(task.dest, 'wx', task.mode);
  let bytes = 0;
  try {
    const hash = task.sha256 ? createHash('sha256') : undefined;
    await eachOutput(task.src, task.codec, (output) => {
      hash?.update(output);
      for (let done = 0; done < output.length; ) done += writeSync(fd, output, done, output.length - done, bytes + done);
      bytes += output.length;
    });
    checkHash(hash, task);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  return finish(fd, task, () => bytes);
}

/** fsyncs running in the background for deferSync tasks; 'flush' waits for them. */
const pendingSyncs = new Set<Promise<void>>();
/** At most this many deferred fsyncs (and open files) at once. */
const maxPendingSyncs = 64;
let deferredFailure: Error | undefined;

/** fsync (off this thread) and close; the file counts as restored only once it is durable. */
async function finish(fd: number, task: DecompressFileTask, size: (fd: number) => number): Promise<number> {
  const bytes = size(fd);
  if (!task.fsync) {
    closeSync(fd);
    return bytes;
  }
  const sync = fsyncAsync(fd).finally(() => closeSync(fd));
  if (!task.deferSync) {
    await sync;
    return bytes;
  }
  const tracked: Promise<void> = sync.then(
    () => void pendingSyncs.delete(tracked),
    (error: unknown) => {
      pendingSyncs.delete(tracked);
      deferredFailure ??= new Error(`fsync of ${task.dest} failed: ${error instanceof Error ? error.message : String(error)}`);
    },
  );
  pendingSyncs.add(tracked);
  while (pendingSyncs.size > maxPendingSyncs) await Promise.race(pendingSyncs);
  return bytes;
}

async function flush(): Promise<number> {
  while (pendingSyncs.size > 0) await Promise.all(pendingSyncs);
  const failure = deferredFailure;
  deferredFailure = undefined;
  if (failure) throw failure;
  return 0;
}

/** Calls `use` with each decompressed piece of `src` (valid only during the call), yielding now and then. */
async function eachOutput(src: string, codec: Codec, use: (output: Uint8Array) => void | Promise<void>): Promise<void> {
  const reader = new StoredFileReader(src, codec);
  try {
    let sinceYield = 0;
    for (let output = reader.next(); output; output = reader.next()) {
      await use(output);
      sinceYield += output.length;
      if (sinceYield >= YIELD_EVERY) {
        sinceYield = 0;
        await yieldToEvents();
      }
    }
  } finally {
    reader.close();
  }
}

function checkHash(hash: ReturnType<typeof createHash> | undefined, task: { src: string; sha256?: string }): void {
  if (hash && hash.digest('hex') !== task.sha256) throw new Error(`${task.src} does not match its checksum: the stored file is damaged`);
}

/** Posts pieces; waits whenever `window` of them are not yet acknowledged by the receiver. */
async function toPort(task: DecompressStreamTask): Promise<number> {
  let credits = task.window;
  let wake: (() => void) | undefined;
  task.port.on('message', () => {
    credits++;
    wake?.();
  });
  const hash = task.sha256 ? createHash('sha256') : undefined;
  let bytes = 0;
  try {
    await eachOutput(task.src, task.codec, async (output) => {
      hash?.update(output);
      for (let offset = 0; offset < output.length; offset += POST_BYTES) {
        while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        credits--;
        // A copy the receiver owns: `output` is the reader's, valid only until its next frame.
        const copy = new Uint8Array(output.subarray(offset, offset + POST_BYTES));
        bytes += copy.length;
        task.port.postMessage(copy, [copy.buffer]);
      }
    });
    checkHash(hash, task);
    task.port.postMessage({ end: true });
    return bytes;
  } finally {
    task.port.close();
  }
}

parentPort?.on('message', (task: DecompressTask) => {
  const work = task.op === 'file' ? toFile(task) : task.op === 'stream' ? toPort(task) : flush();
  work.then(
    (bytes) => parentPort?.postMessage({ id: task.id, bytes } satisfies DecompressReply),
    (error: unknown) => parentPort?.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) } satisfies DecompressReply),
  );
});
