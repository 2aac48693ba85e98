import { MessageChannel, type Transferable } from 'node:worker_threads';
import { Readable } from 'node:stream';
import type { Codec } from './codecs';
import { defaultThreadCount } from './compression-pool';
import type { DecompressReply, DecompressTask } from './decompression-thread';
import { createThreadPool } from './thread-pool';

// The restore side of the compression pool: worker threads that decompress stored files, so a
// restore uses every core. Each thread runs several files at once (its reads and writes overlap
// in its own event loop); the least busy thread gets the next one.

export type DecompressionPool = {
  readonly threads: number;
  /**
   * Decompresses `src` into a new file `dest` (refusing an existing one); resolves to its size.
   * With `deferSync`, it resolves once written and is fsynced in the background: flush() then
   * says when every such file is durable.
   */
  toFile(
    src: string,
    codec: Codec,
    dest: string,
    options?: { mode?: number; fsync?: boolean; deferSync?: boolean; sha256?: string },
  ): Promise<number>;
  /** Resolves when every file written with deferSync is durable; rejects if an fsync failed. */
  flush(): Promise<void>;
  /** The decompressed content of `src` as a stream, produced in a thread. */
  toStream(src: string, codec: Codec, options?: { sha256?: string }): Readable;
  close(): Promise<void>;
};

export function createDecompressionPool(threads = defaultThreadCount()): DecompressionPool {
  const pool = createThreadPool<DecompressTask, DecompressReply>({
    entry: 'server/repository/decompression-thread.ts',
    threads,
    label: 'Decompression',
  });
  const submit = async (
    make: (id: number) => DecompressTask,
    transfer: Transferable[] = [],
  ): Promise<number> => (await pool.submit(make, transfer)).bytes;

  return {
    threads,
    toFile(src, codec, dest, options = {}) {
      return submit((id) => ({
        op: 'file',
        id,
        src,
        codec,
        dest,
        mode: options.mode ?? 0o600,
        fsync: options.fsync ?? true,
        deferSync: options.deferSync ?? false,
        ...(options.sha256 ? { sha256: options.sha256 } : {}),
      }));
    },
    async flush() {
      await pool.broadcast((id) => ({ op: 'flush', id }));
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
        } else if (stream.push(Buffer.from(message.buffer, message.byteOffset, message.byteLength)))
          port1.postMessage(1);
        else owed++;
      });
      submit(
        (id) => ({
          op: 'stream',
          id,
          src,
          codec,
          port: port2,
          window: 4,
          ...(options.sha256 ? { sha256: options.sha256 } : {}),
        }),
        [port2],
      ).catch((error: unknown) => {
        port1.close();
        stream.destroy(error instanceof Error ? error : new Error(String(error)));
      });
      return stream;
    },
    close: () => pool.close(),
  };
}
