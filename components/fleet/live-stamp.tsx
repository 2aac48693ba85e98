'use client';

import { useEffect, useState } from 'react';

/** "updated 4 s ago", ticking every second, with a pulse while a refresh is in flight. */
export function LiveStamp({ updatedAt, fetching, everyMs }: { updatedAt: number; fetching: boolean; everyMs: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  if (!updatedAt) return null;
  const seconds = Math.max(0, Math.round((now - updatedAt) / 1000));
  return (
    <span className="inline-flex items-center gap-1.5" title={`Refreshed every ${everyMs / 1000} seconds; last at ${new Date(updatedAt).toLocaleTimeString()}`}>
      <span aria-hidden className={`inline-block size-2 rounded-full ${fetching ? 'animate-pulse bg-blue-500' : 'bg-green-600 dark:bg-green-400'}`} />
      Updated {seconds < 2 ? 'just now' : `${seconds} s ago`}.
    </span>
  );
}
