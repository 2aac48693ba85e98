// TimestampTz values from WAL (xact_time, rp_time) are int64 microseconds since 2000-01-01
// 00:00:00 UTC. A JavaScript Date keeps only milliseconds, so these helpers convert exactly,
// for comparisons with recovery_target_time and for display.

const pgEpochMs = Date.UTC(2000, 0, 1);

/** `2024-01-02T03:04:05.123456Z` for microseconds since 2000-01-01 UTC. */
export function pgMicrosToIso(micros: bigint): string {
  const ms = micros / 1000n;
  const rest = Number(((micros % 1000n) + 1000n) % 1000n);
  const wholeMs = rest === 0 || micros >= 0n ? ms : ms - 1n;
  const date = new Date(pgEpochMs + Number(wholeMs));
  return `${date.toISOString().slice(0, 23)}${String(rest).padStart(3, '0')}Z`;
}

const timestampPattern =
  /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?(?:Z|\+00(?::?00)?| UTC)?$/;

/** Parses a UTC timestamp with up to six fractional digits (ISO, or PostgreSQL's text form) into microseconds since 2000-01-01. */
export function isoToPgMicros(text: string): bigint {
  const match = timestampPattern.exec(text);
  if (!match) throw new Error(`"${text}" is not a UTC timestamp (YYYY-MM-DD HH:MM:SS[.ffffff]).`);
  const [y, mo, d, h, mi, s, fraction = ''] = match.slice(1).map((part) => part ?? '');
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  return BigInt(ms - pgEpochMs) * 1000n + BigInt(fraction.padEnd(6, '0') || '0');
}
