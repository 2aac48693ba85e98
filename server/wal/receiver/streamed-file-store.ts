import { open, unlink } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Ctx } from '../../context';
import type { Server } from '../../db/generated/client';
import { isDomainError } from '../../errors/domain-error';
import { fsyncDirectory } from '../../repository/atomic-write';
import { longPageHeaderSize } from '../../pg/wal-segment-header';
import { afterWalStored } from '../after-wal-stored';
import { storeWalFile } from '../store-wal-file';
import type { ClosedSegmentFile } from './partial-segment-writer';

// Moves finished .partial files into the archive, one at a time and in order, through the same
// store as archive_command push (compression, SHA-256, the WalSegment row, duplicate rules).
// The .partial is removed only once the archive holds the file durably, so a crash anywhere
// leaves it on disk for the next start. Streaming never waits for this queue.

export type StoreQueueEvents = {
  onStored?: (name: string) => void;
  /** A file could not be stored yet (retried), or was refused and kept aside (not retried). */
  onError?: (message: string) => void;
};

export class StreamedFileStore {
  private readonly queue: ClosedSegmentFile[] = [];
  private readonly queued = new Set<string>();
  private running: Promise<void> | undefined;
  private readonly stopping = new AbortController();
  /** Holds the file being stored; see read(). */
  private buffer: Buffer | undefined;

  constructor(
    private readonly options: {
      ctx: Ctx;
      root: string;
      server: Server;
      events?: StoreQueueEvents;
      retryMaxMs?: number;
    },
  ) {}

  enqueue(file: ClosedSegmentFile): void {
    if (this.queued.has(file.path) || this.stopping.signal.aborted) return;
    this.queued.add(file.path);
    this.queue.push(file);
    this.kick();
  }

  private kick(): void {
    if (this.running) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      // Something may have been queued after the loop looked for the last time.
      if (this.queue.length > 0 && !this.stopping.signal.aborted) this.kick();
    });
  }

  /** Settles once everything queued so far is stored (or the store stopped). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops after the file in hand; what is left stays on disk as .partial files. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.idle();
  }

  private async drain(): Promise<void> {
    for (let file = this.queue[0]; file && !this.stopping.signal.aborted; file = this.queue[0]) {
      await this.storeWithRetry(file);
      this.queue.shift();
      this.queued.delete(file.path);
    }
  }

  private async storeWithRetry(file: ClosedSegmentFile): Promise<void> {
    for (
      let delay = 500;
      !this.stopping.signal.aborted;
      delay = Math.min(delay * 2, this.options.retryMaxMs ?? 30_000)
    ) {
      try {
        await this.store(file);
        return;
      } catch (error) {
        const message = `${file.name}${file.complete ? '' : '.partial'} is not in the archive yet (it stays in the streaming directory and is retried): ${error instanceof Error ? error.message : String(error)}`;
        this.options.ctx.log.warn(
          { err: error, server: this.options.server.name, file: file.name },
          'storing streamed WAL failed',
        );
        this.options.events?.onError?.(message);
        await sleep(delay, undefined, { signal: this.stopping.signal }).catch(() => undefined);
      }
    }
  }

  private async store(file: ClosedSegmentFile): Promise<void> {
    const { ctx, root, server } = this.options;
    const content = await this.read(file.path);
    const name = file.complete ? file.name : `${file.name}.partial`;
    if (file.complete || holdsWal(content)) {
      try {
        const result = await storeWalFile({
          ctx,
          root,
          input: { server, name, content, source: 'streaming', receivedSha256: file.sha256 },
        });
        if (result.outcome === 'stored')
          await afterWalStored(ctx, root, server, result.file, { index: false });
        this.options.events?.onStored?.(name);
      } catch (error) {
        // Refused as a conflicting duplicate: storeWalFile kept our copy in errors/ and the
        // "archiver errors" check reports it; retrying would only refuse it again.
        if (!(isDomainError(error) && error.code === 'conflict' && error.details?.keptAs)) throw error;
        this.options.events?.onError?.(error.message);
      }
    }
    await unlink(file.path);
    await fsyncDirectory(path.dirname(file.path));
  }

  /**
   * The whole file, in one buffer reused for every file (they are stored one at a time), in shared
   * memory so that the compression threads read it in place. A fresh 16 MiB buffer per segment,
   * and a copy of each block for the threads, drove full collections in the receiver process:
   * pauses in receiving, seen as receive-lag spikes in bench:wal.
   */
  private async read(file: string): Promise<Buffer> {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      if (!this.buffer || this.buffer.length < size) this.buffer = Buffer.from(new SharedArrayBuffer(size));
      let length = 0;
      while (length < size) {
        const { bytesRead } = await handle.read(this.buffer, length, size - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
      }
      return this.buffer.subarray(0, length);
    } finally {
      await handle.close();
    }
  }
}

/**
 * A partial with not even a page header, or a file made ahead of time that nothing was written
 * to (zeros where the header's magic number would be), carries no WAL: nothing to keep.
 */
function holdsWal(content: Buffer): boolean {
  return content.length >= longPageHeaderSize && content.readUInt16LE(0) !== 0;
}
