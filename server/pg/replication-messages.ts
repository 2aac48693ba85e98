import { z } from 'zod';
import { lsnTextSchema as lsnText, type Lsn } from './lsn';

// Payloads of CopyData messages in PostgreSQL's streaming replication protocol ("Streaming
// Replication Protocol" in the docs): the first byte names the message; integers are big-endian.
// Trailing bytes beyond the documented fields are ignored, as libpq clients do, so that a newer
// server adding a field does not break us.
// Parsers return views into the buffer they are given (no copy): callers that hold a payload
// across an await must own that buffer (pg-protocol reuses its receive buffer).

/** TimestampTz counts microseconds from 2000-01-01 00:00:00 UTC. */
const pgEpochMicros = 946_684_800_000_000n;

export class ReplicationMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplicationMessageError';
  }
}

export function pgTimestampToDate(micros: bigint): Date {
  return new Date(Number((micros + pgEpochMicros) / 1000n));
}

export function dateToPgTimestamp(date: Date): bigint {
  const ms = date.getTime();
  if (!Number.isFinite(ms))
    throw new ReplicationMessageError('Cannot send an invalid date as a PostgreSQL timestamp.');
  return BigInt(ms) * 1000n - pgEpochMicros;
}

export type XLogData = { type: 'xlogdata'; start: Lsn; serverEnd: Lsn; serverTime: Date; data: Buffer };
export type PrimaryKeepalive = {
  type: 'keepalive';
  serverEnd: Lsn;
  serverTime: Date;
  replyRequested: boolean;
};
export type ReplicationMessage = XLogData | PrimaryKeepalive;

function need(buf: Buffer, length: number, what: string): void {
  if (buf.length < length)
    throw new ReplicationMessageError(`${what} message is ${buf.length} bytes, expected at least ${length}.`);
}

/** Parses what the walsender sends during START_REPLICATION: XLogData 'w' or keepalive 'k'. */
export function parseReplicationMessage(buf: Buffer): ReplicationMessage {
  const kind = buf[0];
  if (kind === 0x77) {
    // 'w': Int64 start of this data, Int64 current end of WAL on the server, Int64 send time, Byte(n) WAL.
    need(buf, 25, 'XLogData');
    return {
      type: 'xlogdata',
      start: buf.readBigUInt64BE(1),
      serverEnd: buf.readBigUInt64BE(9),
      serverTime: pgTimestampToDate(buf.readBigInt64BE(17)),
      data: buf.subarray(25),
    };
  }
  if (kind === 0x6b) {
    // 'k': Int64 current end of WAL on the server, Int64 send time, Byte1 1 = reply now or be disconnected.
    need(buf, 18, 'Primary keepalive');
    return {
      type: 'keepalive',
      serverEnd: buf.readBigUInt64BE(1),
      serverTime: pgTimestampToDate(buf.readBigInt64BE(9)),
      replyRequested: buf[17] === 1,
    };
  }
  throw new ReplicationMessageError(`Unexpected replication message type ${describeType(kind)}.`);
}

export type StandbyStatus = {
  /** Each position is "last WAL byte + 1" received and written, flushed to disk, applied. */
  written: Lsn;
  flushed: Lsn;
  applied: Lsn;
  clientTime?: Date;
  replyRequested?: boolean;
};

/** Standby status update 'r': Int64 ×3 positions, Int64 client time, Byte1 ask the server to reply. */
export function buildStandbyStatusUpdate(status: StandbyStatus): Buffer {
  const buf = Buffer.alloc(34);
  buf[0] = 0x72;
  buf.writeBigUInt64BE(status.written, 1);
  buf.writeBigUInt64BE(status.flushed, 9);
  buf.writeBigUInt64BE(status.applied, 17);
  buf.writeBigInt64BE(dateToPgTimestamp(status.clientTime ?? new Date()), 25);
  buf[33] = status.replyRequested ? 1 : 0;
  return buf;
}

export type BaseBackupMessage =
  | { type: 'new-archive'; archiveName: string; tablespaceLocation: string }
  | { type: 'data'; data: Buffer }
  | { type: 'progress'; bytesDone: bigint }
  | { type: 'manifest' };

/**
 * CopyData of BASE_BACKUP (PostgreSQL 15+): 'n' starts an archive (name, tablespace location, ""
 * for the main data directory), 'd' carries archive bytes (manifest bytes once 'm' was seen),
 * 'p' reports the bytes done so far, 'm' starts the manifest. Archives end implicitly.
 */
export function parseBaseBackupMessage(buf: Buffer): BaseBackupMessage {
  switch (buf[0]) {
    case 0x64:
      return { type: 'data', data: buf.subarray(1) };
    case 0x6e: {
      const name = readCString(buf, 1, 'New archive');
      const location = readCString(buf, name.next, 'New archive');
      return { type: 'new-archive', archiveName: name.value, tablespaceLocation: location.value };
    }
    case 0x70:
      need(buf, 9, 'Progress');
      return { type: 'progress', bytesDone: buf.readBigUInt64BE(1) };
    case 0x6d:
      return { type: 'manifest' };
    default:
      throw new ReplicationMessageError(`Unexpected base backup message type ${describeType(buf[0])}.`);
  }
}

function readCString(buf: Buffer, start: number, what: string): { value: string; next: number } {
  const end = buf.indexOf(0, start);
  if (end < 0) throw new ReplicationMessageError(`${what} message has an unterminated string.`);
  return { value: buf.toString('utf8', start, end), next: end + 1 };
}

function describeType(byte: number | undefined): string {
  if (byte === undefined) return '(empty message)';
  const printable = byte >= 0x20 && byte < 0x7f ? ` '${String.fromCharCode(byte)}'` : '';
  return `0x${byte.toString(16).padStart(2, '0')}${printable}`;
}

// Result rows of replication commands, as `pg` returns them in text mode (int8 as a string,
// int4 and oid as numbers); accepting either keeps the shapes honest across type parsers.
const uint32 = z
  .union([z.number(), z.string().regex(/^\d+$/)])
  .transform(Number)
  .pipe(z.number().int().min(0).max(0xffff_ffff));
const timeline = uint32.pipe(z.number().min(1));
const uint64Text = z.union([z.string().regex(/^\d{1,20}$/), z.number().int().min(0)]).transform(String);

const identifySystemRow = z.object({
  systemid: uint64Text,
  timeline,
  xlogpos: lsnText,
  dbname: z.string().nullable(),
});
export type IdentifySystem = { systemId: string; timeline: number; xlogpos: Lsn; dbname: string | null };

/** IDENTIFY_SYSTEM: systemid (text), timeline (int4), xlogpos (text), dbname (text, null when physical). */
export function parseIdentifySystemRow(row: unknown): IdentifySystem {
  const parsed = parseRow(identifySystemRow, row, 'IDENTIFY_SYSTEM');
  return {
    systemId: parsed.systemid,
    timeline: parsed.timeline,
    xlogpos: parsed.xlogpos,
    dbname: parsed.dbname,
  };
}

const backupPositionRow = z.object({ recptr: lsnText, tli: timeline });
export type BackupPosition = { lsn: Lsn; timeline: number };

/** BASE_BACKUP sends one (recptr text, tli int8) row before the archives (start) and after them (end). */
export function parseBackupPositionRow(row: unknown): BackupPosition {
  const parsed = parseRow(backupPositionRow, row, 'BASE_BACKUP position');
  return { lsn: parsed.recptr, timeline: parsed.tli };
}

const tablespaceRow = z.object({
  spcoid: uint32.nullable(),
  spclocation: z.string().nullable(),
  size: z
    .union([z.number(), z.string().regex(/^\d+$/)])
    .transform(Number)
    .nullable(),
});
export type BackupTablespace = { oid: number | null; location: string | null; sizeKiB: number | null };

/** BASE_BACKUP's tablespace list: (spcoid, spclocation, size in KiB); null oid/location = main data directory. */
export function parseTablespaceRow(row: unknown): BackupTablespace {
  const parsed = parseRow(tablespaceRow, row, 'BASE_BACKUP tablespace');
  return { oid: parsed.spcoid, location: parsed.spclocation, sizeKiB: parsed.size };
}

const timelineSwitchRow = z.object({ next_tli: timeline, next_tli_startpos: lsnText });
export type TimelineSwitch = { nextTimeline: number; nextTimelineStart: Lsn };

/** After START_REPLICATION reaches the end of a timeline: (next_tli int8, next_tli_startpos text). */
export function parseTimelineSwitchRow(row: unknown): TimelineSwitch {
  const parsed = parseRow(timelineSwitchRow, row, 'end of timeline');
  return { nextTimeline: parsed.next_tli, nextTimelineStart: parsed.next_tli_startpos };
}

function parseRow<T extends z.ZodType>(schema: T, row: unknown, what: string): z.output<T> {
  const result = schema.safeParse(row);
  if (result.success) return result.data;
  const issues = result.error.issues
    .map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`)
    .join('; ');
  throw new ReplicationMessageError(`Unexpected ${what} result row (${issues}).`);
}
