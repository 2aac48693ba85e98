const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const dateTimeSeconds = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' });

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

/** "just now", "5 minutes ago", "in 3 days"; beyond a week, the local date and time. */
export function formatRelative(date: Date, now: number): string {
  const diff = date.getTime() - now;
  const abs = Math.abs(diff);
  if (abs < 10_000) return 'just now';
  if (abs > 7 * 86_400_000) return dateTime.format(date);
  for (const [unit, ms] of units) {
    if (abs >= ms) return relative.format(Math.trunc(diff / ms), unit);
  }
  return 'just now';
}

export function formatDateTime(date: Date, seconds = false): string {
  return (seconds ? dateTimeSeconds : dateTime).format(date);
}

/** The exact value for a `title`: ISO 8601 (UTC) and the browser's local time. */
export function exactTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString()} (local: ${date.toLocaleString()})`;
}
