import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isPartialName, parseWalSegmentName } from '../../pg/wal-name';
import type { PartialOnDisk } from './resume-point';

/** The receiver's .partial files in a server's streaming directory (created when missing). */
export async function listPartials(dir: string, segmentSize: number): Promise<(PartialOnDisk & { path: string })[]> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const found: (PartialOnDisk & { path: string })[] = [];
  for (const entry of await readdir(dir)) {
    if (!isPartialName(entry, segmentSize)) continue;
    const name = entry.slice(0, 24);
    const file = path.join(dir, entry);
    found.push({ name, path: file, ...parseWalSegmentName(name, segmentSize), size: (await stat(file)).size });
  }
  return found;
}
