import { decompressFrameSync } from 'lz4-napi';
import { ByteAccumulator } from './byte-accumulator';
import { CorruptInputError } from './corrupt-input-error';
import { MAX_LZ4_FRAME_BYTES, scanLz4Frame, type Lz4Cursor, type Lz4Scan } from './lz4-frames';
import { PacedTransform } from './paced-transform';

// Decodes concatenated LZ4 frames (what the compression pool writes: one frame per block, see
// lz4-frames.ts) holding at most one frame's bytes at a time. Skippable frames are dropped as
// they stream past, whatever their size.

export class Lz4DecompressStream extends PacedTransform {
  private readonly pending = new ByteAccumulator();
  private cursor: Lz4Cursor | undefined;
  /** Bytes from the current frame's start needed before scanning again. */
  private needed = 1;
  private skipping = 0;

  constructor(private readonly maxFrameBytes = MAX_LZ4_FRAME_BYTES) {
    super();
  }

  protected accept(chunk: Buffer): void {
    this.pending.append(chunk);
  }

  protected produce(ending: boolean): Buffer | undefined {
    for (;;) {
      this.skipping -= this.pending.consume(this.skipping);
      if (this.skipping > 0 || this.pending.length < this.needed) break;
      const scan = scanLz4Frame(this.pending.bytes, this.cursor, this.maxFrameBytes);
      if (scan.kind === 'need') {
        this.cursor = scan.cursor;
        this.needed = scan.bytes;
        continue;
      }
      this.cursor = undefined;
      this.needed = 1;
      if (scan.kind === 'skippable') {
        this.skipping = scan.length;
        continue;
      }
      const output = decodeFrame(this.pending.bytes.subarray(0, scan.length), scan);
      this.pending.consume(scan.length);
      return output;
    }
    if (ending && (this.pending.length > 0 || this.skipping > 0)) {
      throw new CorruptInputError('lz4', 'input ends inside a frame (truncated file?)');
    }
    return undefined;
  }
}

function decodeFrame(frame: Buffer, scan: Extract<Lz4Scan, { kind: 'frame' }>): Buffer {
  let content: Buffer;
  try {
    content = decompressFrameSync(frame);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new CorruptInputError('lz4', `frame could not be decoded (${why})`, { cause: error });
  }
  const declared = scan.descriptor.contentSize;
  if (declared !== undefined && content.length !== declared) {
    throw new CorruptInputError('lz4', `frame decoded to ${content.length} bytes but declares ${declared}`);
  }
  if (content.length > scan.contentBound) {
    throw new CorruptInputError(
      'lz4',
      `frame decoded to ${content.length} bytes, more than its blocks can hold`,
    );
  }
  return content;
}
