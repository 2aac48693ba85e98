import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { decompressStream, type Codec } from '../repository/codecs';

/** A stored WAL file, decompressed, in memory (a segment is at most wal_segment_size). */
export async function readStoredWal(file: string, codec: Codec): Promise<Buffer> {
  const parts: Buffer[] = [];
  await pipeline(createReadStream(file), decompressStream(codec), async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) parts.push(Buffer.from(chunk));
  });
  return Buffer.concat(parts);
}
