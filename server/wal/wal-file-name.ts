import { DomainError } from '../errors/domain-error';
import {
  defaultWalSegmentSize,
  isBackupHistoryName,
  isHistoryFileName,
  isPartialName,
  isWalSegmentName,
  parseHistoryFileName,
  parseWalSegmentName,
} from '../pg/wal-name';

// The four kinds of file a WAL archive holds, recognised strictly from their names: names come
// from the network (archive_command push, restore_command get) and become paths. A partial
// segment is the unfinished last segment of a timeline that ended: a promoted standby archives
// it as `<segment>.partial`, and the streaming receiver keeps it when a timeline switches.

export type WalFileName =
  | { kind: 'segment'; name: string; timeline: number; segno: bigint; segmentSize: number }
  | { kind: 'history'; name: string; timeline: number; segno: -1n; segmentSize: number }
  | { kind: 'backup_history'; name: string; timeline: number; segno: bigint; segmentSize: number }
  | { kind: 'partial'; name: string; timeline: number; segno: bigint; segmentSize: number };

export class WalFileNameError extends Error {
  override name = 'WalFileNameError';
}

export function parseWalFileName(name: string, segmentSize = defaultWalSegmentSize): WalFileName {
  if (isWalSegmentName(name, segmentSize))
    return { kind: 'segment', name, ...parseWalSegmentName(name, segmentSize), segmentSize };
  if (isHistoryFileName(name))
    return { kind: 'history', name, timeline: parseHistoryFileName(name), segno: -1n, segmentSize };
  if (isBackupHistoryName(name, segmentSize))
    return {
      kind: 'backup_history',
      name,
      ...parseWalSegmentName(name.slice(0, 24), segmentSize),
      segmentSize,
    };
  if (isPartialName(name, segmentSize))
    return { kind: 'partial', name, ...parseWalSegmentName(name.slice(0, 24), segmentSize), segmentSize };
  const shown = name.length > 60 ? `${name.slice(0, 60)}…` : name;
  throw new WalFileNameError(
    `"${shown}" is not a WAL file name: expected a segment (24 upper-case hex digits), a timeline history file (8 hex digits + .history), a backup history file (segment.offset.backup) or a partial segment (segment.partial).`,
  );
}

/** parseWalFileName for a name from a request: refused with a 422 that says what a WAL name looks like. */
export function parseRequestedWalFileName(name: string): WalFileName {
  try {
    return parseWalFileName(name);
  } catch (error) {
    if (error instanceof WalFileNameError)
      throw DomainError.validation('That is not a WAL file name.', { name: [error.message] });
    throw error;
  }
}
