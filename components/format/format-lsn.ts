/** An LSN "16/B374D848" as its byte position in the WAL stream (bigint: an LSN is 64 bits). */
export function lsnPosition(lsn: string): bigint | null {
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(lsn);
  if (!match) return null;
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

/** The hover text of an LSN: its exact byte position, and its WAL segment on a timeline. */
export function describeLsn(lsn: string, timeline?: number | null, segmentSize = 16 * 1024 * 1024): string {
  const position = lsnPosition(lsn);
  if (position === null) return lsn;
  const text = `LSN ${lsn} = byte ${position.toLocaleString('en')} of the WAL stream`;
  if (!timeline) return text;
  const perLog = 0x1_0000_0000n / BigInt(segmentSize);
  const segno = position / BigInt(segmentSize);
  const hex = (n: bigint | number) => n.toString(16).toUpperCase().padStart(8, '0');
  return `${text}, in segment ${hex(timeline)}${hex(segno / perLog)}${hex(segno % perLog)}`;
}
