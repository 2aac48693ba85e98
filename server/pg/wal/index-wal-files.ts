import { open } from 'node:fs/promises';
import path from 'node:path';
import { defaultWalSegmentSize, parseWalSegmentName } from '../wal-name';
import { WalIndexer, type WalSegmentIndex } from './wal-index';
import type { WalReaderOptions } from './wal-reader';

// Indexes segment files of one timeline, in order. The next file is read (by libuv's thread
// pool) while the current one is indexed, into two buffers used in turn: reading costs about a
// third of the work, and this way it runs beside the index rather than before it.

export type IndexWalFilesOptions = WalReaderOptions & { segmentSize?: number };

export async function indexWalFiles(
  files: string[],
  options: IndexWalFilesOptions = {},
): Promise<WalSegmentIndex[]> {
  const segmentSize = options.segmentSize ?? defaultWalSegmentSize;
  const indexer = new WalIndexer(options);
  const buffers = [Buffer.allocUnsafeSlow(segmentSize), Buffer.allocUnsafeSlow(segmentSize)] as const;
  const results: WalSegmentIndex[] = [];
  let next = files.length > 0 ? readSegmentFile(files[0]!, buffers[0]) : undefined;
  for (let i = 0; i < files.length; i++) {
    const bytes = await next!;
    // Safe to refill the other buffer: the segment it held was indexed, and a record carried out
    // of it was copied (PendingRecord.detach).
    next = i + 1 < files.length ? readSegmentFile(files[i + 1]!, buffers[(i + 1) % 2]!) : undefined;
    const { segno } = parseWalSegmentName(path.basename(files[i]!).replace(/\.partial$/, ''), segmentSize);
    results.push(indexer.indexSegment(bytes, segno));
  }
  return results;
}

/** Reads up to `into.length` bytes of a segment file; a shorter file (a cut .partial) gives fewer. */
async function readSegmentFile(file: string, into: Buffer): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    let offset = 0;
    while (offset < into.length) {
      const { bytesRead } = await handle.read(into, offset, into.length - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return into.subarray(0, offset);
  } finally {
    await handle.close();
  }
}
