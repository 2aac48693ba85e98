import { DomainError } from '../errors/domain-error';
import { formatLsn } from '../pg/lsn';
import { isValidWalSegmentSize } from '../pg/wal-name';
import { parseWalSegmentHeader, WalSegmentHeaderError } from '../pg/wal-segment-header';
import { parseWalFileName, type WalFileName } from './wal-file-name';

// A file must be what its name says before it enters the archive: a segment's own header names
// its timeline, its address and its cluster. This catches a file of another cluster pushed with
// a wrong token or a misconfigured archive_command, and a truncated upload. A .partial is a
// whole segment file too (PostgreSQL renames the old timeline's last segment at promotion), and
// is checked the same way.

const maxTextFile = 1024 * 1024;

/** Returns the name as the content defines it (a segment's size comes from its header). */
export function checkWalContent(file: WalFileName, content: Buffer, systemId: string | null): WalFileName {
  if (file.kind === 'history' || file.kind === 'backup_history') {
    if (content.length === 0 || content.length > maxTextFile)
      refuse(
        file,
        `a ${file.kind === 'history' ? 'timeline history' : 'backup history'} file of ${content.length} bytes is not plausible`,
      );
    return file;
  }
  let header;
  try {
    header = parseWalSegmentHeader(content);
  } catch (error) {
    if (error instanceof WalSegmentHeaderError) refuse(file, error.message);
    throw error;
  }
  if (!isValidWalSegmentSize(header.segmentSize))
    refuse(file, `its header gives a segment size of ${header.segmentSize} bytes`);
  const named =
    header.segmentSize === file.segmentSize ? file : parseWalFileName(file.name, header.segmentSize);
  if (named.kind !== file.kind) refuse(file, 'its name does not fit its segment size');
  // A partial segment is cut short by nature (PostgreSQL pads it with zeros; a receiver may not).
  if (named.kind === 'partial' ? content.length > header.segmentSize : content.length !== header.segmentSize)
    refuse(
      file,
      `it holds ${content.length} bytes, but a segment holds ${header.segmentSize}: the upload was cut`,
    );
  // The segment where a timeline begins starts with its parent's pages (PostgreSQL copies them
  // at the switch), so its header names an older timeline; a newer one is never right.
  if (header.timeline > named.timeline) refuse(file, `its header says timeline ${header.timeline}`);
  const expected = named.segno * BigInt(header.segmentSize);
  if (header.pageAddress !== expected)
    refuse(file, `its first page is at ${formatLsn(header.pageAddress)}, not ${formatLsn(expected)}`);
  if (systemId !== null && header.systemId !== systemId)
    refuse(
      file,
      `it comes from PostgreSQL system ${header.systemId}, but this server's archive belongs to system ${systemId} (another cluster's archive_command, or a token used on the wrong host)`,
    );
  return named;
}

function refuse(file: WalFileName, reason: string): never {
  throw DomainError.validation(`${file.name} was refused: ${reason}.`, { content: [reason] });
}
