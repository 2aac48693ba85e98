import { mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { isPartialName, isWalSegmentName, parseWalSegmentName } from '../../pg/wal-name';
import type { StreamedFileOnDisk } from './resume-point';

/**
 * What the receiver left in a server's streaming directory (created when missing): unfinished
 * `<segment>.partial` files and complete segments under their own name, not stored yet.
 */
export async function listStreamedFiles(dir: string, segmentSize: number): Promise<(StreamedFileOnDisk & { path: string })[]> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const found: (StreamedFileOnDisk & { path: string })[] = [];
  for (const entry of await readdir(dir)) {
    const complete = isWalSegmentName(entry, segmentSize);
    if (!complete && !isPartialName(entry, segmentSize)) continue;
    const name = entry.slice(0, 24);
    const file = path.join(dir, entry);
    found.push({ name, path: file, ...parseWalSegmentName(name, segmentSize), complete });
  }
  return found;
}
