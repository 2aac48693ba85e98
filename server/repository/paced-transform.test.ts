import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { PacedTransform } from './paced-transform';

/** Each input byte n becomes n outputs; input is held until 3 bytes arrived, as a frame would be. */
class Expander extends PacedTransform {
  constructor(private readonly outputBytes = 1024) {
    super();
  }

  private held: number[] = [];
  private owed = 0;
  private serial = 0;
  maxReadable = 0;

  protected accept(chunk: Buffer): void {
    this.held.push(...chunk);
  }

  protected produce(ending: boolean): Buffer | undefined {
    this.maxReadable = Math.max(this.maxReadable, this.readableLength);
    if (this.owed === 0 && (this.held.length >= 3 || (ending && this.held.length > 0))) {
      this.owed = this.held.splice(0, 3).reduce((a, b) => a + b, 0);
      return Buffer.alloc(0);
    }
    if (this.owed === 0) {
      if (ending && this.serial === 0) throw new Error('nothing to expand');
      return undefined;
    }
    this.owed--;
    return Buffer.alloc(this.outputBytes, this.serial++ & 0xff);
  }
}

/** One output of `batch` bytes per `batch` input bytes, like a block compressor. */
class Batcher extends PacedTransform {
  private held = 0;

  constructor(private readonly batch: number) {
    super();
  }

  protected accept(chunk: Buffer): void {
    this.held += chunk.length;
  }

  protected produce(ending: boolean): Buffer | undefined {
    const size = Math.min(this.held, this.batch);
    if (size === 0 || (size < this.batch && !ending)) return undefined;
    this.held -= size;
    return Buffer.alloc(size);
  }
}

const input = [
  Buffer.from([5]),
  Buffer.from([]),
  Buffer.from([200, 1]),
  Buffer.from([0, 0, 0, 90]),
  Buffer.from([7]),
];
const expected = 5 + 200 + 1 + 0 + 0 + 0 + 90 + 7;

function slowSink(received: Buffer[]): Writable {
  return new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, done) {
      received.push(chunk);
      setTimeout(done, received.length % 5 === 0 ? 1 : 0);
    },
  });
}

describe('PacedTransform', () => {
  it('delivers everything to a slow writable, holding little at a time', async () => {
    const stream = new Expander();
    const received: Buffer[] = [];
    await pipeline(Readable.from(input), stream, slowSink(received));
    expect(received.length).toBe(expected);
    expect(received.every((chunk, i) => chunk[0] === (i & 0xff))).toBe(true);
    expect(stream.maxReadable).toBeLessThanOrEqual(16 * 1024 + 1024);
  });

  it('delivers everything to an async iterator and to read() in paused mode', async () => {
    let count = 0;
    for await (const chunk of Readable.from(input).pipe(new Expander()))
      count += (chunk as Buffer).length / 1024;
    expect(count).toBe(expected);

    const paused = new Expander();
    Readable.from(input).pipe(paused);
    let bytes = 0;
    for (;;) {
      const chunk = paused.read(3000) as Buffer | null;
      if (chunk) bytes += chunk.length;
      else if (paused.readableEnded) break;
      else await sleep(1);
    }
    expect(bytes).toBe(expected * 1024);
  });

  // A resumed run that finds nothing more to push once parked the next write for good.
  it('takes more input after a full reader drained an output larger than its buffer', async () => {
    const chunks = Array.from({ length: 40 }, () => Buffer.alloc(65_521));
    let bytes = 0;
    await pipeline(Readable.from(chunks), new Batcher(1024 * 1024), async (stream: AsyncIterable<Buffer>) => {
      for await (const chunk of stream) bytes += chunk.length;
    });
    expect(bytes).toBe(40 * 65_521);
  });

  it('fails the stream with what produce throws, at the end too', async () => {
    await expect(pipeline(Readable.from([Buffer.from([0])]), new Expander(), slowSink([]))).rejects.toThrow(
      'nothing to expand',
    );
  });
});
