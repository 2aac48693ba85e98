import { Transform, type TransformCallback } from 'node:stream';

// A Transform that honours backpressure *within* one input chunk. A few compressed bytes can
// stand for gigabytes (zstd: 1 GiB of zeros is 33 KiB), so pushing everything a chunk decodes
// to, as zstd-napi's DecompressStream does, buffers without bound. Subclasses hand out one
// output at a time; when the reader is full the rest waits for its next _read (node:zlib does
// the same).

export abstract class PacedTransform extends Transform {
  private continueOnRead: (() => void) | undefined;

  /** Takes one input chunk; called only once the previous one is used up. */
  protected abstract accept(chunk: Buffer): void;

  /**
   * The next output, or undefined once the input so far is used up. `ending`: no input will
   * follow, so flush what is held and throw if the input stopped mid-frame.
   */
  protected abstract produce(ending: boolean): Buffer | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    try {
      this.accept(chunk);
    } catch (error) {
      done(error as Error);
      return;
    }
    this.run(false, done);
  }

  override _flush(done: TransformCallback): void {
    this.run(true, done);
  }

  override _read(size: number): void {
    const resume = this.continueOnRead;
    if (!resume) {
      super._read(size);
      return;
    }
    this.continueOnRead = undefined;
    resume();
  }

  private run(ending: boolean, done: TransformCallback, fromRead = false): void {
    let pushed = false;
    try {
      for (let output = this.produce(ending); output; output = this.produce(ending)) {
        if (output.length === 0) continue;
        pushed = true;
        if (!this.push(output)) {
          this.continueOnRead = () => this.run(ending, done, true);
          return;
        }
      }
    } catch (error) {
      done(error as Error);
      return;
    }
    // Readable calls _read again only after a push; a resumed run that found nothing more to
    // push must still say so (an empty push), or a write callback parked by Transform waits forever.
    if (fromRead && !pushed) this.push(Buffer.alloc(0));
    done();
  }
}
