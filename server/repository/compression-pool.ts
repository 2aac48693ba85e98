import { availableParallelism } from 'node:os';
import type { Codec } from './codecs';
import type { CompressReply, CompressTask } from './compression-thread';
import { createThreadPool } from './thread-pool';

// A pool of worker threads that compress blocks, so a backup uses every core: the main thread
// parses the stream, the threads compress. Blocks are independent frames (see
// codecs.ts), so the blocks of one large file compress in parallel too.

export type CompressionPool = {
  readonly threads: number;
  /** True once a thread died or the pool was closed: it then refuses all work. */
  readonly failed: boolean;
  /**
   * Compresses one block into one frame. A block in a SharedArrayBuffer stays where it is, and
   * its frame is written into `frameSpace` (shared too) when it fits. Any other block's memory
   * is transferred: do not touch it afterwards; it comes back, unchanged, as `block` of the result.
   */
  compress(
    codec: Codec,
    level: number | undefined,
    block: Uint8Array,
    frameSpace?: Uint8Array,
  ): Promise<CompressedBlock>;
  close(): Promise<void>;
};

export type CompressedBlock = { frame: Buffer; block: Buffer };

/** CELLAR_COMPRESSION_THREADS when it is a positive integer. */
function configuredThreadCount(): number | undefined {
  const configured = Number(process.env.CELLAR_COMPRESSION_THREADS);
  return Number.isInteger(configured) && configured > 0 ? configured : undefined;
}

/** The number of compression threads: CELLAR_COMPRESSION_THREADS, or one per core. */
export function defaultThreadCount(): number {
  return configuredThreadCount() ?? availableParallelism();
}

/**
 * Threads for a backup's stream. The main thread, which takes the stream in, needs a core of
 * its own: a fast codec (lz4, zstd at level 1 or below, 1.6–2 GB/s a thread) keeps up with one
 * core less, and on 2 cores one thread was faster than two and 50 MB smaller (bench:backup,
 * lz4: median 6.0 against 7.3 s). gzip and higher zstd levels need every core.
 */
export function backupThreadCount(codec: Codec, level: number | undefined): number {
  return configuredThreadCount() ?? (keepsUpWithStream(codec, level) ? Math.max(1, availableParallelism() - 1) : availableParallelism());
}

/** Whether a codec compresses about as fast as a backup stream arrives: none, lz4, zstd ≤ 1. */
export function keepsUpWithStream(codec: Codec, level: number | undefined): boolean {
  return codec === 'none' || codec === 'lz4' || (codec === 'zstd' && level !== undefined && level <= 1);
}

export function createCompressionPool(
  threads = defaultThreadCount(),
  options: { unref?: boolean; nice?: number } = {},
): CompressionPool {
  const pool = createThreadPool<CompressTask, CompressReply>({
    entry: 'server/repository/compression-thread.ts',
    threads,
    label: 'Compression',
    unref: options.unref,
    nice: options.nice,
  });
  return {
    threads,
    get failed() {
      return pool.failed;
    },
    async compress(codec, level, block, frameSpace) {
      const shared = block.buffer instanceof SharedArrayBuffer;
      // Cloning a view would copy its whole underlying buffer: send a block that owns its memory.
      const whole = block.byteOffset === 0 && block.byteLength === block.buffer.byteLength;
      const sent = shared || whole ? block : new Uint8Array(block);
      const reply = await pool.submit(
        (id) => ({ id, codec, level, block: sent, ...(shared && frameSpace ? { frameSpace } : {}) }),
        shared ? [] : [sent.buffer as ArrayBuffer],
      );
      if ('frameLength' in reply)
        return { frame: asBuffer(frameSpace!).subarray(0, reply.frameLength), block: asBuffer(sent) };
      return { frame: asBuffer(reply.frame), block: asBuffer(reply.block) };
    },
    close: () => pool.close(),
  };
}

/**
 * Compresses a whole buffer as independent blocks in parallel (one frame each), for files that
 * arrive whole (WAL segments). The frames, concatenated, are the stored file. A buffer in shared
 * memory is compressed where it lies, without a copy per block.
 */
export async function compressInBlocks(
  pool: CompressionPool,
  codec: Codec,
  level: number | undefined,
  data: Buffer,
  blockSize = 1024 * 1024,
): Promise<Buffer> {
  if (codec === 'none') return data;
  const blocks: Promise<CompressedBlock>[] = [];
  for (let offset = 0; offset < data.length || blocks.length === 0; offset += blockSize) {
    // compress() copies a view of ordinary memory; a view of shared memory is read in place.
    blocks.push(pool.compress(codec, level, data.subarray(offset, offset + blockSize)));
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
