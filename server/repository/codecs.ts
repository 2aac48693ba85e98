import { PassThrough, type Transform } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { CompressStream } from 'zstd-napi';
import { ZstdDecompressStream } from './zstd-decompress-stream';

// Per-file compression of repository files. Each file is compressed on its own (no archive-wide
// stream) so a restore can fetch and decompress any single file.

/** The codecs a server may be configured with (see server/contracts/servers.ts). */
export type Codec = 'none' | 'gzip' | 'lz4' | 'zstd';

export class UnsupportedCodecError extends Error {
  override name = 'UnsupportedCodecError';
}

const suffixes: Record<Codec, string> = { none: '', gzip: '.gz', lz4: '.lz4', zstd: '.zst' };

/** The suffix appended to a stored file's name for this codec. */
export function codecSuffix(codec: Codec): string {
  return suffixes[codec];
}

// lz4-napi only compresses whole buffers, so a large relation file would have to sit in memory;
// until a streaming lz4 frame encoder is available, refuse rather than buffer unboundedly.
function lz4Unsupported(): never {
  throw new UnsupportedCodecError(
    'lz4 compression is not supported yet (no streaming lz4 encoder available); use zstd, gzip or none.',
  );
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
      return lz4Unsupported();
  }
}

/** A Transform undoing compressStream(codec). */
export function decompressStream(codec: Codec): Transform {
  switch (codec) {
    case 'none':
      return new PassThrough();
    case 'gzip':
      return createGunzip();
    case 'zstd':
      return new ZstdDecompressStream();
    case 'lz4':
      return lz4Unsupported();
  }
}
