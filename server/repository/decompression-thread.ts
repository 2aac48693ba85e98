import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, open } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parentPort, type MessagePort } from 'node:worker_threads';
import { decompressStream, type Codec } from './codecs';

// One thread of the decompression pool (restores): reads a stored file, decompresses it and
// either writes it to its place on this host (fsynced) or streams it to the main thread over a
// MessagePort with credit-based flow control (a remote destination writes it over SFTP).

export type DecompressFileTask = { op: 'file'; id: number; src: string; codec: Codec; dest: string; mode: number; fsync: boolean; sha256?: string };
export type DecompressStreamTask = { op: 'stream'; id: number; src: string; codec: Codec; port: MessagePort; window: number; sha256?: string };
export type DecompressTask = DecompressFileTask | DecompressStreamTask;
export type DecompressReply = { id: number; bytes: number } | { id: number; error: string };

const chunkSize = 1024 * 1024;

async function toFile(task: DecompressFileTask): Promise<number> {
  if (task.codec === 'none' && !task.sha256) {
    // copy_file_range: the kernel copies, nothing passes through this thread.
    await copyFile(task.src, task.dest, 1 /* COPYFILE_EXCL */);
    if (task.fsync) await syncFile(task.dest);
    return (await open(task.dest, 'r').then(async (h) => { const s = await h.stat(); await h.close(); return s.size; }));
  }
  const handle = await open(task.dest, 'wx', task.mode);
  try {
    const hash = task.sha256 ? createHash('sha256') : undefined;
    let bytes = 0;
    const sink = new Writable({
      highWaterMark: chunkSize,
      write(chunk: Buffer, _encoding, done) {
        hash?.update(chunk);
        handle.write(chunk, 0, chunk.length, bytes).then(() => done(), done);
        bytes += chunk.length;
      },
    });
    await pipeline(createReadStream(task.src, { highWaterMark: chunkSize }), decompressStream(task.codec), sink);
    checkHash(hash, task);
    if (task.fsync) await handle.sync();
    return bytes;
  } finally {
    await handle.close();
  }
}

async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function checkHash(hash: ReturnType<typeof createHash> | undefined, task: { src: string; sha256?: string }): void {
  if (hash && hash.digest('hex') !== task.sha256) throw new Error(`${task.src} does not match its checksum: the stored file is damaged`);
}

/** Posts chunks; waits whenever `window` of them are not yet acknowledged by the receiver. */
async function toPort(task: DecompressStreamTask): Promise<number> {
  let credits = task.window;
  let wake: (() => void) | undefined;
  task.port.on('message', () => {
    credits++;
    wake?.();
  });
  const hash = task.sha256 ? createHash('sha256') : undefined;
  let bytes = 0;
  const sink = new Writable({
    highWaterMark: chunkSize,
    write(chunk: Buffer, _encoding, done) {
      const send = () => {
        credits--;
        hash?.update(chunk);
        bytes += chunk.length;
        const copy = new Uint8Array(chunk);
        task.port.postMessage(copy, [copy.buffer]);
        done();
      };
      if (credits > 0) send();
      else wake = () => { wake = undefined; send(); };
    },
  });
  try {
    await pipeline(createReadStream(task.src, { highWaterMark: chunkSize }), decompressStream(task.codec), sink);
    checkHash(hash, task);
    task.port.postMessage({ end: true });
    return bytes;
  } finally {
    task.port.close();
  }
}

parentPort?.on('message', (task: DecompressTask) => {
  const work = task.op === 'file' ? toFile(task) : toPort(task);
  work.then(
    (bytes) => parentPort?.postMessage({ id: task.id, bytes } satisfies DecompressReply),
    (error: unknown) => parentPort?.postMessage({ id: task.id, error: error instanceof Error ? error.message : String(error) } satisfies DecompressReply),
  );
});
