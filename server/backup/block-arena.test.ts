import { describe, expect, it } from 'vitest';
import { createBlockArena, frameRoom } from './block-arena';

describe('createBlockArena', () => {
  it('hands out full-size blocks from shared memory, each with its own frame space, and reuses them', () => {
    const arena = createBlockArena(1024, 2);
    const [a, b] = [arena.take(1024), arena.take(1024)];
    expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(a.buffer).toBe(b.buffer);
    const space = arena.frameSpace(a);
    expect(space?.length).toBe(frameRoom(1024));
    // The frame space lies behind its block and before the next slot.
    expect(space!.byteOffset).toBe(a.byteOffset + 1024);
    expect(space!.byteOffset + space!.length).toBeLessThanOrEqual(Math.max(a.byteOffset, b.byteOffset) === a.byteOffset ? a.buffer.byteLength : b.byteOffset);
    arena.give(a);
    expect(arena.take(1024).byteOffset).toBe(a.byteOffset);
  });

  it('falls back to owned buffers for other sizes and when every slot is busy, and ignores them when given back', () => {
    const arena = createBlockArena(1024, 1);
    const short = arena.take(100);
    expect(short.length).toBe(100);
    expect(short.buffer).toBeInstanceOf(ArrayBuffer);
    expect(arena.frameSpace(short)).toBeUndefined();
    const slot = arena.take(1024);
    const overflow = arena.take(1024);
    expect(overflow.buffer).toBeInstanceOf(ArrayBuffer);
    expect(overflow.byteOffset === 0 && overflow.byteLength === overflow.buffer.byteLength).toBe(true);
    arena.give(overflow);
    arena.give(short);
    arena.give(slot);
    expect(arena.take(1024).buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(arena.take(1024).buffer).toBeInstanceOf(ArrayBuffer);
  });
});
