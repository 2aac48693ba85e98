'use client';

import { exactBytes, formatBytes } from '@/components/format/format-bytes';
import { formatDuration } from '@/components/format/format-duration';
import { exactTime, formatDateTime, formatRelative } from '@/components/format/format-time';
import { useNow } from '@/components/format/use-now';

/** A time in human form ("5 minutes ago"); the exact ISO and local time are in the title. */
export function Time({
  iso,
  absolute = false,
  seconds = false,
  empty = '—',
}: {
  iso: string | null | undefined;
  absolute?: boolean;
  /** With `absolute`: show the seconds too (a backup's begin and end). */
  seconds?: boolean;
  empty?: string;
}) {
  const now = useNow();
  if (!iso) return <span className="text-zinc-500 dark:text-zinc-400">{empty}</span>;
  const date = new Date(iso);
  return (
    <time dateTime={iso} title={exactTime(iso)}>
      {absolute ? formatDateTime(date, seconds) : formatRelative(date, now)}
    </time>
  );
}

export function Bytes({ value }: { value: number | null | undefined }) {
  if (value === null || value === undefined)
    return <span className="text-zinc-500 dark:text-zinc-400">—</span>;
  return <span title={exactBytes(value)}>{formatBytes(value)}</span>;
}

export function Duration({ ms }: { ms: number | null | undefined }) {
  if (ms === null || ms === undefined) return <span className="text-zinc-500 dark:text-zinc-400">—</span>;
  return <span title={`${Math.round(ms).toLocaleString('en')} ms`}>{formatDuration(ms)}</span>;
}
