'use client';

import { useEffect, useRef } from 'react';
import type { RunLogLine } from '@/server/contracts/runs';
import { exactTime } from '@/components/format/format-time';

const levelClass: Record<string, string> = {
  error: 'text-red-700 dark:text-red-400',
  warn: 'text-amber-700 dark:text-amber-400',
};

/** The log tail; follows new lines while the user has not scrolled up to read older ones. */
export function RunLog({
  lines,
  live,
  label = 'Run log',
}: {
  lines: RunLogLine[];
  live: boolean;
  label?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  useEffect(() => {
    const el = ref.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [lines.length]);
  if (!lines.length)
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {live ? 'No log lines yet; they appear here as the run progresses.' : 'This run wrote no log lines.'}
      </p>
    );
  return (
    <div
      ref={ref}
      role="log"
      aria-label={label}
      aria-live={live ? 'polite' : 'off'}
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
      }}
      className="max-h-96 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs dark:border-zinc-800 dark:bg-zinc-900"
    >
      {lines.map((l) => (
        <div key={l.id} className={levelClass[l.level] ?? ''}>
          <time dateTime={l.at} title={exactTime(l.at)} className="text-zinc-500 dark:text-zinc-400">
            {new Date(l.at).toLocaleTimeString()}
          </time>{' '}
          <span className="uppercase">{l.level}</span> {l.message}
        </div>
      ))}
    </div>
  );
}
