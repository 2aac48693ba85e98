import { createRequire } from 'node:module';
import { crc32, inflateRawSync } from 'node:zlib';
import { decompressFrameSync } from 'lz4-napi';
import type { Codec } from './codecs';
import { CorruptInputError } from './corrupt-input-error';
import { MAX_LZ4_FRAME_BYTES, scanLz4Frame, type Lz4Cursor } from './lz4-frames';

// Synchronous decoders of stored files, for the restore threads: each step decodes one whole
// unit (an LZ4 frame, a gzip member, what one zstd call yields) straight from the caller's
// buffer, with no stream, promise or per-chunk allocation in between. A stored file is a
// concatenation of independent frames, one per 1 MiB block (codecs.ts), so units are small and
// memory stays bounded: a unit over MAX_UNIT_BYTES is refused as foreign or hostile.

export const MAX_UNIT_BYTES = MAX_LZ4_FRAME_BYTES;

export type DecodeStep =
  /** `consumed` input bytes yielded `output` (possibly empty); `output` is valid until the next step. */
  | { kind: 'output'; consumed: number; output: Uint8Array }
  /** The input holds no whole unit: give more bytes (from the start of `input`), or end if there are none. */
  | { kind: 'more' };

export type FrameDecoder = {
  /**
   * Decodes from the start of `input`. `final`: no byte follows `input`; a unit cut short then
   * throws CorruptInputError instead of asking for more.
   */
  step(input: Buffer, final: boolean): DecodeStep;
};

const more: DecodeStep = { kind: 'more' };
const empty = new Uint8Array(0);

export function createFrameDecoder(codec: Codec): FrameDecoder {
  switch (codec) {
    case 'none':
      return noneDecoder();
    case 'zstd':
      return zstdDecoder();
    case 'lz4':
      return lz4Decoder();
    case 'gzip':
      return gzipDecoder();
    default:
      throw new Error(`unknown compression codec ${JSON.stringify(codec)}`);
  }
}

function noneDecoder(): FrameDecoder {
  const slice = 4 * 1024 * 1024;
  return {
    step: (input) => (input.length === 0 ? more : { kind: 'output', consumed: Math.min(slice, input.length), output: input.subarray(0, slice) }),
  };
}

// The binding is a bare native module, so ESM named imports cannot see its exports.
const zstd = createRequire(import.meta.url)('zstd-napi/binding') as typeof import('zstd-napi/binding');

/** ZSTD_decompressStream moves across concatenated frames by itself and keeps a partial frame's state. */
function zstdDecoder(): FrameDecoder {
  const context = new zstd.DCtx();
  const output = Buffer.allocUnsafeSlow(4 * 1024 * 1024);
  let outputFull = false;
  let inFrame = false;
  return {
    step(input, final) {
      if (input.length === 0 && !outputFull) {
        if (final && inFrame) throw new CorruptInputError('zstd', 'input ends inside a frame (truncated file?)');
        return more;
      }
      let hint: number, produced: number, consumed: number;
      try {
        [hint, produced, consumed] = context.decompressStream(output, input);
      } catch (error) {
        throw new CorruptInputError('zstd', error instanceof Error ? error.message : String(error), { cause: error });
      }
      // With no input taken, the hint is the size of a next frame's header, not "mid-frame".
      if (consumed > 0 || produced > 0) inFrame = hint !== 0;
      outputFull = produced === output.length;
      if (consumed === 0 && produced === 0 && input.length > 0) throw new CorruptInputError('zstd', 'decoder made no progress');
      return { kind: 'output', consumed, output: output.subarray(0, produced) };
    },
  };
}

function lz4Decoder(): FrameDecoder {
  let cursor: Lz4Cursor | undefined;
  let skipping = 0;
  const truncated = () => new CorruptInputError('lz4', 'input ends inside a frame (truncated file?)');
  return {
    step(input, final) {
      if (skipping > 0) {
        if (input.length === 0) {
          if (final) throw truncated();
          return more;
        }
        const consumed = Math.min(skipping, input.length);
        skipping -= consumed;
        return { kind: 'output', consumed, output: empty };
      }
      if (input.length === 0) return more;
      const scan = scanLz4Frame(input, cursor, MAX_UNIT_BYTES);
      if (scan.kind === 'need') {
        if (final) throw truncated();
        cursor = scan.cursor;
        return more;
      }
      cursor = undefined;
      if (scan.kind === 'skippable') {
        skipping = scan.length;
        return { kind: 'output', consumed: 0, output: empty };
      }
      let content: Buffer;
      try {
        content = decompressFrameSync(input.subarray(0, scan.length));
      } catch (error) {
        throw new CorruptInputError('lz4', `frame could not be decoded (${error instanceof Error ? error.message : String(error)})`, { cause: error });
      }
      const declared = scan.descriptor.contentSize;
      if (declared !== undefined && content.length !== declared) throw new CorruptInputError('lz4', `frame decoded to ${content.length} bytes but declares ${declared}`);
      if (content.length > scan.contentBound) throw new CorruptInputError('lz4', `frame decoded to ${content.length} bytes, more than its blocks can hold`);
      return { kind: 'output', consumed: scan.length, output: content };
    },
  };
}

const FTEXT_RESERVED = 0xe0;
const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;

/** The length of the gzip member header at the start of `input` (RFC 1952), or 0 when incomplete. */
function gzipHeaderLength(input: Buffer): number {
  if (input.length < 10) return 0;
  if (input[0] !== 0x1f || input[1] !== 0x8b) throw new CorruptInputError('gzip', 'incorrect header check (not a gzip member)');
  if (input[2] !== 8) throw new CorruptInputError('gzip', `unknown compression method ${input[2]}`);
  const flags = input[3] ?? 0;
  if (flags & FTEXT_RESERVED) throw new CorruptInputError('gzip', 'reserved header flags set');
  let at = 10;
  if (flags & FEXTRA) {
    if (input.length < at + 2) return 0;
    at += 2 + input.readUInt16LE(at);
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if (!(flags & flag)) continue;
    const zero = input.indexOf(0, at);
    if (zero < 0) return 0;
    at = zero + 1;
  }
  if (flags & FHCRC) at += 2;
  return input.length < at ? 0 : at;
}

/**
 * One gzip member per step: the raw deflate stream is inflated in one call (which stops at its
 * end and says how much it read), then the trailer's CRC-32 and length are checked, as gunzip does.
 */
function gzipDecoder(): FrameDecoder {
  const truncated = () => new CorruptInputError('gzip', 'input ends inside a member (truncated file?)');
  let members = 0;
  return {
    step(input, final) {
      // gunzip refuses an empty file too; Cellar writes at least one member, even for no bytes.
      if (input.length === 0 && final && members === 0) throw new CorruptInputError('gzip', 'unexpected end of file (no gzip member)');
      if (input.length === 0) return more;
      const header = gzipHeaderLength(input);
      if (header === 0) {
        if (final) throw truncated();
        return more;
      }
      let inflated: { buffer: Buffer; engine: { bytesWritten: number } };
      try {
        inflated = inflateRawSync(input.subarray(header), { info: true, chunkSize: 1024 * 1024 + 64 * 1024, maxOutputLength: MAX_UNIT_BYTES }) as unknown as typeof inflated;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'Z_BUF_ERROR' && !final) return more;
        if (code === 'Z_BUF_ERROR') throw truncated();
        if (code === 'ERR_BUFFER_TOO_LARGE') throw new CorruptInputError('gzip', `member decompresses to more than ${MAX_UNIT_BYTES >> 20} MiB; Cellar writes members of a few MiB and refuses larger ones`);
        throw new CorruptInputError('gzip', error instanceof Error ? error.message : String(error), { cause: error });
      }
      const trailer = header + inflated.engine.bytesWritten;
      if (input.length < trailer + 8) {
        if (final) throw truncated();
        return more;
      }
      const content = inflated.buffer;
      if (input.readUInt32LE(trailer) !== crc32(content)) throw new CorruptInputError('gzip', 'member CRC-32 mismatch (corrupt data)');
      if (input.readUInt32LE(trailer + 4) !== content.length % 2 ** 32) throw new CorruptInputError('gzip', 'member length mismatch (corrupt data)');
      members++;
      return { kind: 'output', consumed: trailer + 8, output: content };
    },
  };
}
