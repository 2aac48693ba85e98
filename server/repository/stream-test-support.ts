import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

// Test support for the codecs: feed chunks through a Transform and gather what comes out.

export async function collect(source: Iterable<Buffer>, transform: Transform): Promise<Buffer> {
  const parts: Buffer[] = [];
  await pipeline(Readable.from(source), transform, async (stream: AsyncIterable<Buffer>) => {
    for await (const chunk of stream) parts.push(Buffer.from(chunk));
  });
  return Buffer.concat(parts);
}

/** `data` in chunks of `size` bytes (the last one shorter). */
export function split(data: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i += size) chunks.push(data.subarray(i, i + size));
  return chunks;
}
