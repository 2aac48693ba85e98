// Reuses the full-size blocks a backup cuts its files into. Without it, every megabyte received
// allocates a fresh block that becomes garbage once written (or, after its trip to a
// compression thread, garbage in that thread, freed only when that thread collects): V8 then
// runs a full collection for every few dozen megabytes and the process holds blocks it no
// longer uses. Blocks of other sizes (small files, the tail of a file) are not kept.

export type BlockRecycler = {
  /** A block of `size` bytes, reused when one of the full size is free; its contents are stale. */
  take(size: number): Buffer;
  /** Hands back a block nothing references any more. */
  give(block: Buffer): void;
};

export function createBlockRecycler(blockSize: number, maxFree: number): BlockRecycler {
  const free: Buffer[] = [];
  return {
    take(size) {
      // Each block owns its memory (allocUnsafeSlow, never the shared slab): it is transferred to a thread.
      return (size === blockSize ? free.pop() : undefined) ?? Buffer.allocUnsafeSlow(size);
    },
    give(block) {
      const whole = block.byteOffset === 0 && block.byteLength === block.buffer.byteLength;
      if (block.length === blockSize && whole && free.length < maxFree) free.push(block);
    },
  };
}
