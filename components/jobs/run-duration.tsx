'use client';

import type { RunView } from '@/server/contracts/runs';
import { durationBetween } from '@/components/format/format-duration';
import { useNow } from '@/components/format/use-now';
import { Duration } from '@/components/ui/values';

/** Start to finish, or start to now (ticking) while the run is still going. */
export function RunDuration({ run }: { run: Pick<RunView, 'startedAt' | 'finishedAt'> }) {
  const now = useNow();
  const ms = durationBetween(run.startedAt, run.finishedAt, now);
  return (
    <>
      <Duration ms={ms} />
      {run.startedAt && !run.finishedAt ? (
        <span className="text-zinc-500 dark:text-zinc-400"> so far</span>
      ) : null}
    </>
  );
}
