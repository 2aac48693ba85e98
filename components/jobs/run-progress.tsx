'use client';

import type { RunView } from '@/server/contracts/runs';
import { runSpeed } from '@/components/format/run-speed';
import { useNow } from '@/components/format/use-now';
import { ProgressBar } from '@/components/ui/progress-bar';
import { Bytes } from '@/components/ui/values';

/** Bytes done of total as a bar, with throughput and time left while the run runs. */
export function RunProgress({ run, label }: { run: RunView; label: string }) {
  const now = useNow();
  if (run.status === 'succeeded') return run.progressDone > 0 ? <Bytes value={run.progressDone} /> : <span className="text-zinc-500 dark:text-zinc-400">—</span>;
  if (run.status === 'queued') return <span className="text-sm text-zinc-600 dark:text-zinc-400">waiting for a worker</span>;
  const speed = runSpeed(run, now);
  return (
    <div className="min-w-44">
      <ProgressBar done={run.progressDone} total={run.progressTotal} label={label} />
      {speed.rate || speed.eta ? (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          {[speed.rate, speed.eta ? `about ${speed.eta} left` : null].filter(Boolean).join(' · ')}
        </p>
      ) : null}
    </div>
  );
}
