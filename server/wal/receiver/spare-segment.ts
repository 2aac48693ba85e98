import { renameSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';

// The next segment's file, made ahead of time: a segment-size file of zeros, written and synced
// in the background while the current segment fills. Streaming into blocks that already exist
// makes each fdatasync a pure data write. Appending instead allocates blocks and changes the
// file's size at every flush, so each sync writes metadata too (on a journaled file system, a
// journal commit that can wait behind other files' data). Measured on ext4 under a concurrent
// writer: 0.29–0.36 ms mean and 1.4–2.2 ms p99 per append-and-sync, against 0.18 ms and
// 0.6–0.9 ms in place; a segment's first flush also waited for its blocks (5–14 ms in bench:wal).
// pg_receivewal zero-fills each segment when it opens it; here that work is done before it is
// needed. A spare left by an earlier run is never trusted: after a crash it may hold WAL written
// to it after a rename that did not reach the disk.

const spareName = 'next-segment.spare';
/** Zeros written per call, synced as they go so no single flush carries a whole segment. */
const chunkSize = 1024 * 1024;

export class SpareSegment {
  private ready = false;
  private preparing: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly dir: string,
    private readonly segmentSize: number,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  get path(): string {
    return path.join(this.dir, spareName);
  }

  /** Starts making the spare in the background, unless one is ready or on its way; settles when it is done. */
  prepare(): Promise<void> {
    if (this.ready || this.closed) return Promise.resolve();
    this.preparing ??= this.make()
      .then(() => {
        this.ready = !this.closed;
      }, this.onError)
      .finally(() => {
        this.preparing = undefined;
      });
    return this.preparing;
  }

  /**
   * Gives the spare the name `target` when one is ready (the caller makes the name durable).
   * False when none is ready: the caller creates the file itself.
   */
  takeAs(target: string): boolean {
    if (!this.ready || this.closed) return false;
    this.ready = false;
    renameSync(this.path, target);
    return true;
  }

  /** Waits for a spare being made; after this none is started or handed over. */
  async close(): Promise<void> {
    this.closed = true;
    await this.preparing;
  }

  private async make(): Promise<void> {
    const zeros = Buffer.alloc(chunkSize);
    const handle = await open(this.path, 'w', 0o600);
    try {
      for (let offset = 0; offset < this.segmentSize && !this.closed; offset += chunkSize) {
        const length = Math.min(chunkSize, this.segmentSize - offset);
        await handle.write(zeros, 0, length, offset);
        await handle.datasync();
      }
    } finally {
      await handle.close();
    }
  }
}
