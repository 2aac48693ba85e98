// Bytes gathered from stream chunks until a whole unit (a frame, a block) is there, kept
// contiguous so pure parsers and whole-buffer codecs can read them. A chunk arriving while
// nothing is pending is only referenced, never copied; otherwise storage grows by doubling, so
// assembling a unit from many small chunks costs linear time.

const MIN_CAPACITY = 64 * 1024;

export class ByteAccumulator {
  private store: Buffer = Buffer.alloc(0);
  private start = 0;
  private end = 0;
  /** False while `store` is a caller's chunk, which must not be written to. */
  private owned = false;

  get length(): number {
    return this.end - this.start;
  }

  /** The pending bytes; a view valid until the next append. */
  get bytes(): Buffer {
    return this.store.subarray(this.start, this.end);
  }

  append(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (this.length === 0) {
      this.store = chunk;
      this.start = 0;
      this.end = chunk.length;
      this.owned = false;
      return;
    }
    const needed = this.length + chunk.length;
    if (!this.owned || this.store.length < needed) {
      const grown = Buffer.allocUnsafe(Math.max(needed, 2 * this.length, MIN_CAPACITY));
      this.bytes.copy(grown);
      this.store = grown;
      this.end = this.length;
      this.start = 0;
      this.owned = true;
    } else if (this.store.length - this.end < chunk.length) {
      this.store.copyWithin(0, this.start, this.end);
      this.end = this.length;
      this.start = 0;
    }
    chunk.copy(this.store, this.end);
    this.end += chunk.length;
  }

  /** Drops up to `count` leading bytes; returns how many were dropped. */
  consume(count: number): number {
    const dropped = Math.min(count, this.length);
    this.start += dropped;
    if (this.length === 0) {
      this.start = 0;
      this.end = 0;
      if (!this.owned) this.store = Buffer.alloc(0);
    }
    return dropped;
  }
}
