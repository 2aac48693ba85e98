import { describe, expect, it } from 'vitest';
import { ByteAccumulator } from './byte-accumulator';

describe('ByteAccumulator', () => {
  it('references a chunk that arrives while nothing is pending', () => {
    const acc = new ByteAccumulator();
    const chunk = Buffer.from('hello');
    acc.append(chunk);
    expect(acc.bytes.buffer).toBe(chunk.buffer);
    acc.append(Buffer.from(' world'));
    expect(acc.bytes.toString()).toBe('hello world');
    chunk.fill(0);
    expect(acc.bytes.toString()).toBe('hello world');
  });

  it('keeps bytes in order across growth, consumption and compaction', () => {
    const acc = new ByteAccumulator();
    const expected: number[] = [];
    let next = 0;
    for (let round = 0; round < 200; round++) {
      const chunk = Buffer.from(Array.from({ length: (round * 7919) % 5000 }, () => next++ & 0xff));
      acc.append(chunk);
      expected.push(...chunk);
      const take = (round * 104729) % (acc.length + 1);
      expect(acc.consume(take)).toBe(take);
      expected.splice(0, take);
      expect(acc.length).toBe(expected.length);
      expect(acc.bytes.equals(Buffer.from(expected))).toBe(true);
    }
  });

  it('consumes no more than it holds and ignores empty chunks', () => {
    const acc = new ByteAccumulator();
    acc.append(Buffer.alloc(0));
    expect(acc.length).toBe(0);
    acc.append(Buffer.from('abc'));
    expect(acc.consume(10)).toBe(3);
    expect(acc.length).toBe(0);
    expect(acc.bytes.length).toBe(0);
  });
});
