import { describe, expect, it } from 'vitest';
import { createBlockRecycler } from './block-recycler';

describe('createBlockRecycler', () => {
  it('hands a full-size block back out instead of allocating', () => {
    const blocks = createBlockRecycler(1024, 2);
    const first = blocks.take(1024);
    blocks.give(first);
    expect(blocks.take(1024)).toBe(first);
    expect(blocks.take(1024)).not.toBe(first);
  });

  it('keeps no block of another size, no view into a larger buffer, and at most maxFree blocks', () => {
    const blocks = createBlockRecycler(1024, 1);
    const short = blocks.take(100);
    expect(short.length).toBe(100);
    blocks.give(short);
    blocks.give(Buffer.allocUnsafeSlow(2048).subarray(0, 1024));
    expect(blocks.take(100)).not.toBe(short);
    const [a, b] = [Buffer.allocUnsafeSlow(1024), Buffer.allocUnsafeSlow(1024)];
    blocks.give(a);
    blocks.give(b);
    expect(blocks.take(1024)).toBe(a);
    const fresh = blocks.take(1024);
    expect(fresh).not.toBe(b);
    expect(fresh.byteOffset === 0 && fresh.byteLength === fresh.buffer.byteLength).toBe(true);
  });
});
