'use client';

import { exactBytes, formatBytes, formatCount } from '@/components/format/format-bytes';
import { describeLsn } from '@/components/format/format-lsn';
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

/** How long ago: "5 h 3 min"; the exact time (UTC and local) on hover. */
export function Age({ iso, empty = '—' }: { iso: string | null | undefined; empty?: string }) {
  const now = useNow();
  if (!iso) return <span className="text-zinc-500 dark:text-zinc-400">{empty}</span>;
  return (
    <time dateTime={iso} title={exactTime(iso)}>
      {formatDuration(Math.max(0, now - Date.parse(iso)))}
    </time>
  );
}

/** An LSN in PostgreSQL's form; its byte position (and segment, given the timeline) on hover. */
export function Lsn({ value, timeline }: { value: string | null | undefined; timeline?: number | null }) {
  if (!value) return <span className="text-zinc-500 dark:text-zinc-400">—</span>;
  return (
    <code className="text-xs select-all" title={describeLsn(value, timeline)}>
      {value}
    </code>
  );
}

export function Count({ value }: { value: number | null | undefined }) {
  if (value === null || value === undefined) return <span className="text-zinc-500 dark:text-zinc-400">—</span>;
  return <span className="tabular-nums">{formatCount(value)}</span>;
}
