import path from 'node:path';
import { codecSuffix, type Codec } from '../repository/codecs';
import { walHashDirectory } from '../pg/wal-name';
import type { WalFileName } from './wal-file-name';

// Where the WAL archive of a server lives (architecture: repository layout):
//   <root>/<server>/wals/<first 16 hex>/<segment>[.zst|.lz4|.gz]   segments, backup history files
//   <root>/<server>/wals/<first 16 hex>/<segment>.partial.archived[.zst|.lz4|.gz]
//                                            a promoted server's <segment>.partial, as archived: the
//                                            name never ends in .partial, which a streaming
//                                            receiver's unfinished, uncatalogued segment does
//   <root>/<server>/wals/<timeline>.history                        timeline history files
//   <root>/<server>/streaming/<segment>.partial                    the receiver's current segment
//   <root>/<server>/streaming/<segment>                            complete, not stored yet
//   <root>/<server>/streaming/next-segment.spare                   the next one's file, made ahead
//   <root>/<server>/errors/…                                       files refused, kept for inspection

export function walsDir(root: string, serverName: string): string {
  return path.join(root, serverName, 'wals');
}

export function streamingDir(root: string, serverName: string): string {
  return path.join(root, serverName, 'streaming');
}

export function errorsDir(root: string, serverName: string): string {
  return path.join(root, serverName, 'errors');
}

/** History and backup history files are small text files PostgreSQL reads as is: never compressed. */
export function codecFor(file: WalFileName, walCodec: Codec): Codec {
  return file.kind === 'segment' || file.kind === 'partial' ? walCodec : 'none';
}

/** What marks an archived .partial on disk (see the layout above). */
export const archivedPartialSuffix = '.archived';

export function storedWalPath(root: string, serverName: string, file: WalFileName, codec: Codec): string {
  const dir = walsDir(root, serverName);
  if (file.kind === 'history') return path.join(dir, file.name);
  const stem = file.kind === 'partial' ? file.name + archivedPartialSuffix : file.name;
  return path.join(dir, walHashDirectory(file.name, file.segmentSize), stem + codecSuffix(codec));
}
