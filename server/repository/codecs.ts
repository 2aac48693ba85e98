import { PassThrough, type Transform } from 'node:stream';
import { compressionLevelProblem } from '../contracts/compression-levels';
import { createGunzip, createGzip, gzipSync } from 'node:zlib';
import { compress as zstdCompress, CompressStream } from 'zstd-napi';
import { compressLz4Frame } from './lz4-block-frame';
import { Lz4CompressStream } from './lz4-compress-stream';
import { Lz4DecompressStream } from './lz4-decompress-stream';
import { ZstdDecompressStream } from './zstd-decompress-stream';

// Per-file compression of repository files. Each file is compressed on its own (no archive-wide
// stream) so a restore can fetch and decompress any single file. A file may be one frame or
// several concatenated frames (zstd frames, gzip members, LZ4 frames) — the compression pool
// writes one per block — and every decompressStream reads both, as `zstd -d`, `gunzip` and
// `lz4 -d` do.

/** The codecs a server may be configured with (see server/contracts/servers.ts). */
export type Codec = 'none' | 'gzip' | 'lz4' | 'zstd';

const suffixes: Record<Codec, string> = { none: '', gzip: '.gz', lz4: '.lz4', zstd: '.zst' };

/** The suffix appended to a stored file's name for this codec. */
export function codecSuffix(codec: Codec): string {
  return suffixes[codec];
}

/** Throws unless `level` suits `codec`; returns the level to use (undefined: the codec's default). */
function checkLevel(codec: Codec, level: number | undefined): number | undefined {
  // lz4-napi exposes no acceleration or HC level, so lz4 (like none) runs without one.
  if (codec === 'none' || codec === 'lz4') return undefined;
  const problem = compressionLevelProblem(codec, level);
  if (problem) throw new RangeError(problem);
  return level;
}

/**
 * `data` compressed into one self-contained zstd frame, gzip member or LZ4 frame (see
 * lz4-block-frame.ts); `none` returns a view of `data` itself. Synchronous: it runs in worker
 * threads, and the frames of consecutive blocks are concatenated into one stored file.
 */
export function compressBlock(codec: Codec, data: Uint8Array, level?: number): Buffer {
  const valid = checkLevel(codec, level);
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  switch (codec) {
    case 'none':
      return bytes;
    case 'gzip':
      return gzipSync(bytes, valid === undefined ? {} : { level: valid });
    case 'zstd':
      return zstdCompress(bytes, valid === undefined ? {} : { compressionLevel: valid });
    case 'lz4':
      return compressLz4Frame(bytes);
    default:
      return unknownCodec(codec);
  }
}

/** A Transform compressing its input with `codec`; `level` defaults to the codec's default. */
export function compressStream(codec: Codec, level?: number): Transform {
  switch (codec) {
    case 'none':
      return new PassThrough();
    case 'gzip':
      return createGzip(level === undefined ? {} : { level });
    case 'zstd':
      return new CompressStream(level === undefined ? {} : { compressionLevel: level });
    case 'lz4':
      return new Lz4CompressStream();
    default:
      return unknownCodec(codec);
  }
}

/** A Transform undoing compressStream(codec) or a concatenation of compressBlock(codec) frames. */
export function decompressStream(codec: Codec): Transform {
  switch (codec) {
    case 'none':
      return new PassThrough();
    case 'gzip':
      return createGunzip();
    case 'zstd':
      return new ZstdDecompressStream();
    case 'lz4':
      return new Lz4DecompressStream();
    default:
      return unknownCodec(codec);
  }
}

// Codec values come from validated configuration; this guards a JavaScript caller or a stale row.
function unknownCodec(codec: never): never {
  throw new Error(`unknown compression codec ${JSON.stringify(codec)}`);
}
