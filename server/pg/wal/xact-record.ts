import {
  relFileLocatorSize,
  sharedInvalMessageSize,
  xactInfo,
  xactXinfo,
  type WalLayout,
} from './wal-format';

// The main data of RM_XACT_ID commit and abort records (xact.h): xl_xact_commit / xl_xact_abort
// start with TimestampTz xact_time. When xl_info has XLOG_XACT_HAS_INFO, a uint32 xinfo follows,
// and xinfo's bits say which variable parts come next, in this order: dbinfo (2 × Oid), subxacts
// (int n + n × xid), relfilenodes (int n + n × 12), dropped stats (15+: int n + n × item),
// invalidations (commits only: int n + n × 16), the prepared transaction's xid, its GID, the
// replication origin. Reading stops at the prepared xid: nothing after it is needed.

export type XactKind = 'commit' | 'abort' | 'commit-prepared' | 'abort-prepared';

export type XactEnd = {
  kind: XactKind;
  /** xact_time: microseconds since 2000-01-01 00:00:00 UTC (TimestampTz). */
  time: bigint;
  /**
   * The transaction that ended. For COMMIT/ABORT PREPARED it is the prepared transaction's xid
   * from the record body: xl_xid is the xid of the session running COMMIT PREPARED, usually 0.
   */
  xid: number;
};

/** The kind of xact record that ends a transaction, from the rmgr bits of xl_info. */
export function xactKindOf(info: number): XactKind | undefined {
  switch (info & xactInfo.opMask) {
    case xactInfo.commit:
      return 'commit';
    case xactInfo.abort:
      return 'abort';
    case xactInfo.commitPrepared:
      return 'commit-prepared';
    case xactInfo.abortPrepared:
      return 'abort-prepared';
    default:
      return undefined;
  }
}

/** Parses the main data (`length` bytes at `offset`) of a commit/abort record; a string says what is wrong. */
export function parseXactEnd(
  buf: Buffer,
  offset: number,
  length: number,
  info: number,
  recordXid: number,
  layout: WalLayout,
): XactEnd | string {
  const kind = xactKindOf(info);
  if (kind === undefined) return `xl_info ${info} is not a commit or abort`;
  if (length < 8) return `${kind} record main data is ${length} bytes, expected at least 8`;
  // Two 32-bit reads and one BigInt(number) cost less than readBigInt64LE; exact below 2^53 µs
  // (the year 2285), and read as a bigint beyond.
  const micros = buf.readInt32LE(offset + 4) * 4294967296 + buf.readUInt32LE(offset);
  const time = Number.isSafeInteger(micros) ? BigInt(micros) : buf.readBigInt64LE(offset);
  if (kind === 'commit' || kind === 'abort') return { kind, time, xid: recordXid };
  const xid = preparedXid(buf, offset + 8, offset + length, info, kind, layout);
  return typeof xid === 'string' ? `${kind}: ${xid}` : { kind, time, xid };
}

function preparedXid(
  buf: Buffer,
  start: number,
  end: number,
  info: number,
  kind: XactKind,
  layout: WalLayout,
): number | string {
  if ((info & xactInfo.hasInfo) === 0) return 'no xinfo, so no prepared transaction id';
  let p = start;
  const need = (bytes: number) => p + bytes <= end;
  if (!need(4)) return 'truncated xinfo';
  const xinfo = buf.readUInt32LE(p);
  p += 4;
  const skipArray = (itemSize: number): boolean => {
    if (!need(4)) return false;
    const count = buf.readInt32LE(p);
    if (count < 0) return false;
    p += 4 + count * itemSize;
    return p <= end;
  };
  if ((xinfo & xactXinfo.hasDbInfo) !== 0) p += 8;
  if ((xinfo & xactXinfo.hasSubxacts) !== 0 && !skipArray(4)) return 'truncated subxact list';
  if ((xinfo & xactXinfo.hasRelfilenodes) !== 0 && !skipArray(relFileLocatorSize))
    return 'truncated relation list';
  if ((xinfo & xactXinfo.hasDroppedStats) !== 0) {
    if (layout.statsItemSize === 0)
      return `dropped stats flagged, which PostgreSQL ${layout.major} does not write`;
    if (!skipArray(layout.statsItemSize)) return 'truncated dropped stats list';
  }
  const isCommit = kind === 'commit-prepared';
  if (isCommit && (xinfo & xactXinfo.hasInvals) !== 0 && !skipArray(sharedInvalMessageSize))
    return 'truncated invalidation list';
  if ((xinfo & xactXinfo.hasTwophase) === 0) return 'xinfo has no prepared transaction id';
  if (!need(4)) return 'truncated prepared transaction id';
  return buf.readUInt32LE(p);
}
