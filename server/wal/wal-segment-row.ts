import type { Prisma } from '../db/generated/client';
import type { Compression } from '../db/generated/enums';
import type { WalFileName } from './wal-file-name';

/** The catalog row of a WAL file stored in the archive (by push, streaming or a rebuild). */
export function walSegmentRow(
  serverId: string,
  file: WalFileName,
  stored: { size: number; storedSize: number; codec: Compression; checksum: string; source: string },
): Prisma.WalSegmentUncheckedCreateInput {
  return {
    serverId,
    name: file.name,
    kind: file.kind,
    timeline: file.timeline,
    segno: file.segno,
    size: BigInt(stored.size),
    storedSize: BigInt(stored.storedSize),
    codec: stored.codec,
    checksum: stored.checksum,
    source: stored.source,
  };
}
