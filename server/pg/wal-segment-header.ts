// The long page header at the start of every WAL segment (XLogLongPageHeaderData in
// access/xlog_internal.h): enough to prove a file is the segment its name says, of the cluster
// it claims, before it enters the archive.
//   uint16 xlp_magic, uint16 xlp_info, uint32 xlp_tli, uint64 xlp_pageaddr, uint32 xlp_rem_len,
//   (4 bytes padding), uint64 xlp_sysid, uint32 xlp_seg_size, uint32 xlp_xlog_blcksz
// All little-endian on every platform PostgreSQL supports today.

export type WalSegmentHeader = { magic: number; info: number; timeline: number; pageAddress: bigint; systemId: string; segmentSize: number; blockSize: number };

const XLP_LONG_HEADER = 0x0002;
export const longPageHeaderSize = 40;

export class WalSegmentHeaderError extends Error {
  override name = 'WalSegmentHeaderError';
}

export function parseWalSegmentHeader(bytes: Uint8Array): WalSegmentHeader {
  if (bytes.length < longPageHeaderSize) throw new WalSegmentHeaderError(`${bytes.length} bytes are too few for a WAL segment header.`);
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, longPageHeaderSize);
  const info = view.readUInt16LE(2);
  if ((info & XLP_LONG_HEADER) === 0) throw new WalSegmentHeaderError('The first page has no long header: this is not the start of a WAL segment.');
  return {
    magic: view.readUInt16LE(0),
    info,
    timeline: view.readUInt32LE(4),
    pageAddress: view.readBigUInt64LE(8),
    systemId: view.readBigUInt64LE(24).toString(),
    segmentSize: view.readUInt32LE(32),
    blockSize: view.readUInt32LE(36),
  };
}
