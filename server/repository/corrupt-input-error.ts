import type { Codec } from './codecs';

/** Compressed input that cannot be decoded: not this codec's format, corrupt or truncated. */
export class CorruptInputError extends Error {
  override name = 'CorruptInputError';

  constructor(
    readonly codec: Codec,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${codec}: ${message}`, options);
  }
}
