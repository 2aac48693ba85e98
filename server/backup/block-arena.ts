// The full-size blocks a backup cuts its files into, in one SharedArrayBuffer allocated once,
// each slot with room behind the block for its compressed frame. The compression threads read
// a block and write its frame in place, so no block or frame crosses threads as a buffer of its
// own: transferred buffers count as new external memory in the receiving thread each time, and
// at 2 GB of blocks that alone drove the main thread into some 80 full collections per backup
// (bench:backup, lz4). Blocks of other sizes (small files, the tail of a file) and full-size
// ones taken while every slot is busy are ordinary buffers, which the threads handle by transfer.

export type BlockArena = {
  /** A block of `size` bytes; its contents are stale. */
  take(size: number): Buffer;
  /** Hands a block back once nothing reads it any more. */
  give(block: Buffer): void;
  /** Where a thread may write the block's compressed frame; undefined for a block outside the arena. */
  frameSpace(block: Uint8Array): Buffer | undefined;
};

/** Room for a block's frame: any codec's worst case for incompressible input, with margin. */
export function frameRoom(blockSize: number): number {
  return blockSize + Math.max(64 * 1024, Math.ceil(blockSize / 64));
}

export function createBlockArena(blockSize: number, slots: number): BlockArena {
  const slotSize = blockSize + frameRoom(blockSize);
  const memory = new SharedArrayBuffer(slotSize * slots);
  const free = Array.from({ length: slots }, (_, i) => slots - 1 - i);
  const inArena = (block: Uint8Array) => block.buffer === memory;
  return {
    take(size) {
      const slot = size === blockSize ? free.pop() : undefined;
      // Outside the arena, a block owns its memory (allocUnsafeSlow, not the shared slab): it is transferred.
      return slot === undefined ? Buffer.allocUnsafeSlow(size) : Buffer.from(memory, slot * slotSize, blockSize);
    },
    give(block) {
      if (inArena(block)) free.push(block.byteOffset / slotSize);
    },
    frameSpace(block) {
      return inArena(block) ? Buffer.from(memory, block.byteOffset + blockSize, slotSize - blockSize) : undefined;
    },
  };
}
