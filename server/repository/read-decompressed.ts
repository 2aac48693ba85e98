import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { decompressStream, type Codec } from './codecs';

/** A stored file, decompressed, in memory: for files that fit there (a WAL segment, a test fixture). */
export async function readDecompressed(file: string, codec: Codec): Promise<Buffer> {
  const parts: Buffer[] = [];
  await pipeline(createReadStream(file), decompressStream(codec), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) parts.push(Buffer.from(chunk));
  });
  return Buffer.concat(parts);
}
