// Barman's backup id: the start time as YYYYMMDDTHHMMSS. Cellar uses UTC, so ids sort the same
// way on every host and never repeat or jump when daylight saving time changes.

export function backupIdAt(date: Date): string {
  const iso = date.toISOString(); // 2026-12-02T14:05:01.123Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

/** The instant a backup id names (UTC). */
export function backupIdTime(backupId: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(backupId);
  if (!m) throw new RangeError(`"${backupId}" is not a backup id (YYYYMMDDTHHMMSS).`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}
