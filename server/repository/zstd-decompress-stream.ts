import { createRequire } from 'node:module';
import { CorruptInputError } from './corrupt-input-error';
import { PacedTransform } from './paced-transform';

// zstd-napi's own DecompressStream pushes all a chunk decodes to at once (see PacedTransform),
// so this drives the same native ZSTD_decompressStream through one output buffer at a time.
// ZSTD_decompressStream moves from one frame to the next by itself, so concatenated frames
// (one per block from the compression pool) need nothing special.

// The binding is a bare native module, so ESM named imports cannot see its exports.
const binding = createRequire(import.meta.url)('zstd-napi/binding') as typeof import('zstd-napi/binding');

/** ZSTD_DStreamOutSize: one full block, the most a single decode step can produce. */
const OUTPUT_SIZE = binding.dStreamOutSize();

export class ZstdDecompressStream extends PacedTransform {
  private readonly context = new binding.DCtx();
  private input: Buffer = Buffer.alloc(0);
  private output = Buffer.allocUnsafe(OUTPUT_SIZE);
  /** The last step filled the output buffer, so more may be waiting inside the decoder. */
  private outputFull = false;
  /** Bytes of a frame were consumed and its end has not been seen yet. */
  private inFrame = false;

  protected accept(chunk: Buffer): void {
    this.input = chunk;
  }

  protected produce(ending: boolean): Buffer | undefined {
    while (this.input.length > 0 || this.outputFull) {
      const [hint, produced, consumed] = this.step();
      this.input = this.input.subarray(consumed);
      // With no input taken, the hint is the size of a next frame's header, not "mid-frame".
      if (consumed > 0 || produced > 0) this.inFrame = hint !== 0;
      this.outputFull = produced === this.output.length;
      if (produced > 0) return this.takeOutput(produced);
      if (consumed === 0 && this.input.length > 0)
        throw new CorruptInputError('zstd', 'decoder made no progress');
    }
    if (ending && this.inFrame)
      throw new CorruptInputError('zstd', 'input ends inside a frame (truncated file?)');
    return undefined;
  }

  private step(): [number, number, number] {
    try {
      return this.context.decompressStream(this.output, this.input);
    } catch (error) {
      throw new CorruptInputError('zstd', error instanceof Error ? error.message : String(error), {
        cause: error,
      });
    }
  }

  // A full buffer is handed over whole; a partial one is copied so a few bytes do not pin 128 KiB.
  private takeOutput(produced: number): Buffer {
    if (produced < this.output.length) return Buffer.from(this.output.subarray(0, produced));
    const full = this.output;
    this.output = Buffer.allocUnsafe(OUTPUT_SIZE);
    return full;
  }
}
