import { z } from 'zod';

// A WAL location (XLogRecPtr) is an unsigned 64-bit byte position in the WAL stream. It is a
// bigint everywhere in Cellar: above 2^53 a JavaScript number silently loses bytes.

export type Lsn = bigint;

export const maxLsn: Lsn = 0xffff_ffff_ffff_ffffn;
/** InvalidXLogRecPtr: PostgreSQL uses 0/0 to mean "no location". */
export const invalidLsn: Lsn = 0n;

// pg_lsn_in accepts 1 to 8 hex digits (either case) on each side of the slash, nothing else.
const lsnPattern = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/;

export class LsnError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LsnError';
  }
}

export function isLsnText(text: string): boolean {
  return lsnPattern.test(text);
}

/** Parses PostgreSQL's `X/Y` text form (as pg_lsn_in does) into a bigint. */
export function parseLsn(text: string): Lsn {
  const match = lsnPattern.exec(text);
  if (!match) {
    const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    throw new LsnError(
      `"${shown}" is not a WAL location: expected X/Y with 1 to 8 hex digits on each side (e.g. 0/16B3748).`,
    );
  }
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

export function assertLsn(value: bigint): Lsn {
  if (value < 0n || value > maxLsn)
    throw new LsnError(`${value} is outside the WAL location range 0/0 … FFFFFFFF/FFFFFFFF.`);
  return value;
}

/** The `%X/%X` form PostgreSQL prints (upper-case hex, no zero padding, as up to PG 18). */
export function formatLsn(lsn: Lsn): string {
  assertLsn(lsn);
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffff_ffffn).toString(16).toUpperCase()}`;
}

export function lsnFromParts(high: number, low: number): Lsn {
  for (const part of [high, low]) {
    if (!Number.isInteger(part) || part < 0 || part > 0xffff_ffff)
      throw new LsnError(`${part} is not a 32-bit half of a WAL location.`);
  }
  return (BigInt(high) << 32n) | BigInt(low);
}

export function compareLsn(a: Lsn, b: Lsn): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Bytes from `b` to `a` (pg_wal_lsn_diff(a, b)); negative when `a` is behind `b`. */
export function lsnDiff(a: Lsn, b: Lsn): bigint {
  return a - b;
}

export function maxOfLsn(a: Lsn, b: Lsn): Lsn {
  return a > b ? a : b;
}

export function minOfLsn(a: Lsn, b: Lsn): Lsn {
  return a < b ? a : b;
}

/** An LSN in its text form (`X/Y`) read at a boundary (result rows, manifests), parsed to a bigint. */
export const lsnTextSchema = z.string().transform((text, ctx) => {
  try {
    return parseLsn(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});
