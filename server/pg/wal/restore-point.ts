import { restorePointSize } from './wal-format';

// XLOG_RESTORE_POINT's main data is xl_restore_point { TimestampTz rp_time; char rp_name[64] }:
// the name is NUL-terminated inside the array (pg_create_restore_point refuses longer names).

export type RestorePointBody = {
  name: string;
  /** rp_time: microseconds since 2000-01-01 00:00:00 UTC. */
  time: bigint;
};

export function parseRestorePoint(buf: Buffer, offset: number, length: number): RestorePointBody | string {
  if (length < restorePointSize)
    return `restore point main data is ${length} bytes, expected ${restorePointSize}`;
  const nameStart = offset + 8;
  const nameLength = buf.subarray(nameStart, offset + restorePointSize).indexOf(0);
  if (nameLength < 0) return 'restore point name is not NUL-terminated';
  return { time: buf.readBigInt64LE(offset), name: buf.toString('utf8', nameStart, nameStart + nameLength) };
}
