import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Codec } from './codecs';
import { CorruptInputError } from './corrupt-input-error';
import { createFrameDecoder, MAX_UNIT_BYTES, type FrameDecoder } from './frame-decoders';

// A stored file read and decompressed synchronously, one unit at a time (see frame-decoders.ts):
// large reads into one window that is refilled before it runs low, so a unit rarely straddles
// its end. Meant for worker threads, whose only work this is; the main thread uses the streams.

const WINDOW_BYTES = 8 * 1024 * 1024;
/** Refill below this: a unit Cellar writes (one 1 MiB block, compressed) then fits whole. */
const REFILL_BELOW = 2 * 1024 * 1024;
const MAX_WINDOW_BYTES = MAX_UNIT_BYTES + 1024 * 1024;

export class StoredFileReader {
  private readonly fd: number;
  private readonly decoder: FrameDecoder;
  private window: Buffer;
  private start = 0;
  private end = 0;
  private position = 0;
  private eof = false;

  constructor(
    readonly path: string,
    readonly codec: Codec,
  ) {
    this.fd = openSync(path, 'r');
    this.decoder = createFrameDecoder(codec);
    // Most files of a cluster are small: their window is their size (one more byte sees the end).
    this.window = Buffer.allocUnsafeSlow(Math.min(WINDOW_BYTES, Math.max(4096, fstatSync(this.fd).size + 1)));
  }

  /** The next decompressed bytes, valid until the next call; null at the end of the file. */
  next(): Uint8Array | null {
    for (;;) {
      if (!this.eof && this.end - this.start < REFILL_BELOW) this.refill();
      const step = this.decoder.step(this.window.subarray(this.start, this.end), this.eof);
      if (step.kind === 'more') {
        if (this.eof) return null;
        if (this.start === 0 && this.end === this.window.length) this.grow();
        this.refill();
        continue;
      }
      this.start += step.consumed;
      if (step.output.length > 0) return step.output;
    }
  }

  close(): void {
    closeSync(this.fd);
  }

  private refill(): void {
    if (this.start > 0) {
      this.window.copyWithin(0, this.start, this.end);
      this.end -= this.start;
      this.start = 0;
    }
    while (this.end < this.window.length) {
      const read = readSync(this.fd, this.window, this.end, this.window.length - this.end, this.position);
      if (read === 0) {
        this.eof = true;
        return;
      }
      this.end += read;
      this.position += read;
    }
  }

  private grow(): void {
    if (this.window.length >= MAX_WINDOW_BYTES)
      throw new CorruptInputError(this.codec, `a frame spans more than ${MAX_WINDOW_BYTES >> 20} MiB; Cellar writes frames of a few MiB and refuses to buffer larger ones`);
    const larger = Buffer.allocUnsafeSlow(Math.min(this.window.length * 2, MAX_WINDOW_BYTES));
    this.window.copy(larger, 0, this.start, this.end);
    this.end -= this.start;
    this.start = 0;
    this.window = larger;
  }
}

/** A whole stored file decompressed into memory, synchronously (small files: a WAL segment). */
export function readStoredFileSync(path: string, codec: Codec): Buffer {
  const reader = new StoredFileReader(path, codec);
  try {
    const parts: Buffer[] = [];
    for (let out = reader.next(); out; out = reader.next()) parts.push(Buffer.from(out));
    return Buffer.concat(parts);
  } finally {
    reader.close();
  }
}
