import { i64, u32 } from './wal-test-builder';
import { xactXinfo } from './wal-format';

// Main data of commit and abort records as xact.c's XactLogCommitRecord lays them out, for tests.

export type XactBodyParts = {
  time: bigint;
  dbInfo?: boolean;
  subxacts?: number[];
  rels?: number;
  droppedStats?: { count: number; itemSize: number };
  invals?: number;
  twophaseXid?: number;
  gid?: string;
  origin?: boolean;
};

/** Returns the main data and whether XLOG_XACT_HAS_INFO must be set (any xinfo bit present). */
export function xactBody(parts: XactBodyParts): { data: Buffer; hasInfo: boolean } {
  let xinfo = 0;
  const chunks: Buffer[] = [];
  const array = (count: number, itemSize: number) =>
    chunks.push(u32(count), Buffer.alloc(count * itemSize, 0xab));
  if (parts.dbInfo) {
    xinfo |= xactXinfo.hasDbInfo;
    chunks.push(u32(5), u32(1663));
  }
  if (parts.subxacts) {
    xinfo |= xactXinfo.hasSubxacts;
    chunks.push(u32(parts.subxacts.length), ...parts.subxacts.map(u32));
  }
  if (parts.rels !== undefined) {
    xinfo |= xactXinfo.hasRelfilenodes;
    array(parts.rels, 12);
  }
  if (parts.droppedStats) {
    xinfo |= xactXinfo.hasDroppedStats;
    array(parts.droppedStats.count, parts.droppedStats.itemSize);
  }
  if (parts.invals !== undefined) {
    xinfo |= xactXinfo.hasInvals;
    array(parts.invals, 16);
  }
  if (parts.twophaseXid !== undefined) {
    xinfo |= xactXinfo.hasTwophase;
    chunks.push(u32(parts.twophaseXid));
  }
  if (parts.gid !== undefined) {
    xinfo |= xactXinfo.hasGid;
    chunks.push(Buffer.from(`${parts.gid}\0`));
  }
  if (parts.origin) {
    xinfo |= xactXinfo.hasOrigin;
    chunks.push(Buffer.alloc(16, 0xcd));
  }
  const hasInfo = xinfo !== 0;
  return { data: Buffer.concat([i64(parts.time), ...(hasInfo ? [u32(xinfo)] : []), ...chunks]), hasInfo };
}
