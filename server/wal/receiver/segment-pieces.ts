import type { Lsn } from '../../pg/lsn';

// XLogData messages carry a run of WAL bytes from a start LSN; nothing promises that a run stays
// inside one segment, so each is cut where segments end (pg_receivewal's ProcessXLogDataMsg does
// the same). Pure arithmetic on bigints: LSNs above 2^53 must not lose bytes.

export type SegmentPiece = {
  segno: bigint;
  /** Byte offset of the piece inside its segment. */
  offset: number;
  /** Where the piece starts in the message's data. */
  dataStart: number;
  length: number;
  /** The piece ends exactly at the end of its segment. */
  completes: boolean;
};

export function splitIntoSegments(start: Lsn, length: number, segmentSize: number): SegmentPiece[] {
  const size = BigInt(segmentSize);
  const pieces: SegmentPiece[] = [];
  let position = start;
  let dataStart = 0;
  while (dataStart < length) {
    const segno = position / size;
    const offset = Number(position % size);
    const take = Math.min(length - dataStart, segmentSize - offset);
    pieces.push({ segno, offset, dataStart, length: take, completes: offset + take === segmentSize });
    dataStart += take;
    position += BigInt(take);
  }
  return pieces;
}
