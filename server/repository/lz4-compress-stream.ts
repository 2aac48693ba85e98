import { ByteAccumulator } from './byte-accumulator';
import { compressLz4Frame } from './lz4-block-frame';
import { PacedTransform } from './paced-transform';

// LZ4 compresses whole buffers here, so a stream is cut into 1 MiB blocks, each its own
// frame: memory stays bounded and the output is the same concatenation of frames the
// compression pool writes, readable by `lz4 -d` and Lz4DecompressStream alike.

export const LZ4_STREAM_BLOCK_BYTES = 1024 * 1024;

export class Lz4CompressStream extends PacedTransform {
  private readonly pending = new ByteAccumulator();
  private framesWritten = 0;

  constructor(private readonly blockBytes = LZ4_STREAM_BLOCK_BYTES) {
    super();
  }

  protected accept(chunk: Buffer): void {
    this.pending.append(chunk);
  }

  protected produce(ending: boolean): Buffer | undefined {
    const length = Math.min(this.pending.length, this.blockBytes);
    const whole = length === this.blockBytes;
    // Empty input still gets one (empty) frame: a stored file is never zero bytes.
    const last = ending && (length > 0 || this.framesWritten === 0);
    if (!whole && !last) return undefined;
    const frame = compressLz4Frame(this.pending.bytes.subarray(0, length));
    this.pending.consume(length);
    this.framesWritten++;
    return frame;
  }
}
