import { open, type FileHandle } from 'node:fs/promises';
import type { Codec } from '../repository/codecs';
import type { CompressedBlock, CompressionPool } from '../repository/compression-pool';
import type { TarEntrySink } from '../repository/tar-stream';
import type { BlockArena } from './block-arena';
import type { FlowBudget } from './flow-budget';

// One file of a base backup on its way into the repository. Its bytes are cut into blocks that
// the pool compresses in parallel, and the frames are appended in order. Checksums come from
// the server's manifest (verify-backup re-reads stored files against it). The file is written
// in place inside the backup's .partial directory: the directory as a whole is what becomes
// visible atomically, once every file in it is fsynced (see backup-layout.ts).

export type StoredFile = {
  /** Path in the restored cluster, as the manifest writes it. */
  path: string;
  size: number;
  /** Bytes on disk (compressed); for a reused file, the size of the file linked to. */
  storedSize: number;
  /** SHA-256 from the server's manifest (null for files it does not list: WAL under pg_wal/). */
  sha256: string | null;
  /** Hard-linked from the previous backup instead of kept as written. */
  reused: boolean;
};

export type StoredFileDeps = {
  codec: Codec;
  level: number | undefined;
  pool: CompressionPool | undefined;
  budget: FlowBudget;
  blockSize: number;
  blocks: BlockArena;
};

export type StoredFileJob = { clusterPath: string; target: string; size: number };

/**
 * A tar entry sink for one file. `done` settles once the file is on disk and durable; it is not
 * awaited by end(), so the next files stream in meanwhile.
 */
export class StoredFileWriter implements TarEntrySink {
  readonly done: Promise<StoredFile>;
  private settle!: (result: Promise<StoredFile>) => void;
  private handle: Promise<FileHandle> | undefined;
  private tail: Promise<void> = Promise.resolve();
  private block: Buffer | undefined;
  private fill = 0;
  private received = 0;
  private storedSize = 0;
  private blocks = 0;

  private constructor(
    private readonly deps: StoredFileDeps,
    private readonly job: StoredFileJob,
  ) {
    this.done = new Promise<StoredFile>((resolve) => (this.settle = resolve));
    this.done.catch(() => undefined); // the archive writer collects it
  }

  /** Starts the file, once the budget's open-file count has room (synchronously when it has). */
  static open(deps: StoredFileDeps, job: StoredFileJob): StoredFileWriter | Promise<StoredFileWriter> {
    if (deps.budget.tryAcquire(0, 1)) return new StoredFileWriter(deps, job);
    return deps.budget.acquire(0, 1).then(() => new StoredFileWriter(deps, job));
  }

  /** Copies the chunk into blocks; a promise only when a full block must wait for the budget. */
  write(chunk: Buffer): void | Promise<void> {
    return this.writeFrom(chunk, 0);
  }

  private writeFrom(chunk: Buffer, pos: number): void | Promise<void> {
    while (pos < chunk.length) {
      this.block ??= this.deps.blocks.take(Math.min(this.deps.blockSize, this.job.size - this.received));
      const take = Math.min(this.block.length - this.fill, chunk.length - pos);
      if (take === 0) throw new Error(`${this.job.clusterPath}: more bytes than the ${this.job.size} announced.`);
      chunk.copy(this.block, this.fill, pos, pos + take);
      this.fill += take;
      this.received += take;
      pos += take;
      if (this.fill === this.block.length) {
        const waiting = this.flushBlock();
        const next = pos;
        if (waiting) return waiting.then(() => this.writeFrom(chunk, next));
      }
    }
  }

  end(): void | Promise<void> {
    if (this.received !== this.job.size) throw new Error(`${this.job.clusterPath}: received ${this.received} bytes of ${this.job.size}.`);
    // An empty file still gets one (empty) frame, so that every stored file decompresses.
    if (this.blocks === 0) this.block = Buffer.alloc(0);
    const waiting = this.block === undefined ? undefined : this.flushBlock();
    if (!waiting) return void this.settle(this.finish());
    return waiting.then(() => this.settle(this.finish()));
  }

  /** Closes the file after a failure elsewhere; the .partial directory is removed by the caller. */
  async abort(error: Error): Promise<void> {
    const rejected = Promise.reject(error);
    rejected.catch(() => undefined); // ignored when end() has settled `done` already
    this.settle(rejected);
    await this.tail.catch(() => undefined);
    await this.closeQuietly();
  }

  private async closeQuietly(): Promise<void> {
    const handle = await this.handle?.catch(() => undefined);
    await handle?.close().catch(() => undefined);
  }

  /** Hands the full block on; returns a promise only when the budget has no room for it yet. */
  private flushBlock(): Promise<void> | undefined {
    const data = this.block ?? Buffer.alloc(0);
    this.block = undefined;
    this.fill = 0;
    this.blocks++;
    if (this.deps.budget.tryAcquire(data.length)) return void this.send(data);
    return this.deps.budget.acquire(data.length).then(() => this.send(data));
  }

  private send(data: Buffer): void {
    const { codec, level, pool, budget, blocks } = this.deps;
    // Read before the block is transferred to a thread, which leaves it empty here.
    const size = data.length;
    const compressed: Promise<CompressedBlock> = codec === 'none' || !pool ? Promise.resolve({ frame: data, block: data }) : pool.compress(codec, level, data, blocks.frameSpace(data));
    compressed.catch(() => undefined); // observed by the write chain below
    this.tail = this.tail.then(async () => {
      const { frame, block } = await compressed;
      this.handle ??= open(this.job.target, 'wx', 0o600);
      await writeFully(await this.handle, frame);
      this.storedSize += frame.length;
      // Written (codec none) or compressed into a frame of its own: nothing reads the block now.
      blocks.give(block);
      budget.release(size);
    });
    this.tail.catch(() => undefined); // surfaced through `done`
  }

  private async finish(): Promise<StoredFile> {
    const { job } = this;
    try {
      await this.tail;
      const fd = await (this.handle ?? Promise.reject(new Error(`${job.clusterPath}: nothing was written.`)));
      await fd.datasync();
      await fd.close();
      return { path: job.clusterPath, size: job.size, storedSize: this.storedSize, sha256: null, reused: false };
    } catch (error) {
      // A failed write (a full disk) must not keep the file open: the directory is removed next.
      await this.closeQuietly();
      throw error;
    } finally {
      this.deps.budget.release(0, 1);
    }
  }
}

async function writeFully(fd: FileHandle, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await fd.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}
