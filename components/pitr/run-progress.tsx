'use client';

import Link from 'next/link';
import { useRef } from 'react';
import type { RunView } from '@/server/contracts/runs';
import { isRunActive } from '@/components/api/use-runs';
import { exactBytes, formatBytes } from '@/components/format/format-bytes';
import { formatDuration } from '@/components/format/format-duration';
import { CancelRunButton } from '@/components/jobs/cancel-run-button';
import { RunLog } from '@/components/jobs/run-log';
import { RunStatusBadge } from '@/components/jobs/run-status-badge';
import { ProgressBar } from '@/components/ui/progress-bar';
import { rateAndEta, type Sample } from './run-rate';

function useSamples(run: RunView): Sample[] {
  const samples = useRef<{ runId: string; list: Sample[] }>({ runId: run.id, list: [] });
  if (samples.current.runId !== run.id) samples.current = { runId: run.id, list: [] };
  const list = samples.current.list;
  if (list.at(-1)?.done !== run.progressDone) {
    list.push({ at: Date.now(), done: run.progressDone });
    if (list.length > 30) list.shift();
  }
  return list;
}

/** A restore or verification as it runs: phases, bytes, throughput, ETA, log tail, cancel. */
export function RunProgress({
  run,
  title,
  phases,
}: {
  run: RunView;
  title: string;
  phases: readonly string[];
}) {
  const active = isRunActive(run);
  const { rate, etaMs } = rateAndEta(useSamples(run), run.progressTotal);
  const current = run.phase ? phases.indexOf(run.phase) : -1;
  return (
    <section
      aria-label={title}
      className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-950"
    >
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <h3 className="font-semibold">{title}</h3>
        <RunStatusBadge status={run.status} cancelRequested={run.cancelRequested} />
        <Link href={`/jobs/${run.id}`} className="text-blue-700 hover:underline dark:text-blue-400">
          Open job {run.id.slice(0, 8)}
        </Link>
        <div className="ml-auto">
          <CancelRunButton run={run} />
        </div>
      </div>
      <ol aria-label="Phases" className="flex flex-wrap gap-x-4 gap-y-1 text-xs">
        {phases.map((phase, i) => {
          const done = run.status === 'succeeded' || (current >= 0 && i < current);
          const now = active && i === current;
          return (
            <li
              key={phase}
              aria-current={now ? 'step' : undefined}
              className={
                now
                  ? 'font-semibold text-blue-800 dark:text-blue-300'
                  : done
                    ? 'text-green-800 dark:text-green-300'
                    : 'text-zinc-500 dark:text-zinc-400'
              }
            >
              {done ? '✓ ' : now ? '▸ ' : ''}
              {phase}
            </li>
          );
        })}
      </ol>
      {active ? (
        <div className="space-y-1">
          {run.status === 'queued' ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">Waiting for a worker to take the run…</p>
          ) : null}
          <ProgressBar done={run.progressDone} total={run.progressTotal} label={`${title}: bytes written`} />
          <p className="flex flex-wrap gap-x-4 text-xs text-zinc-700 dark:text-zinc-300">
            {rate !== null ? (
              <span title={`${Math.round(rate).toLocaleString('en')} bytes/s`}>{formatBytes(rate)}/s</span>
            ) : null}
            {etaMs !== null ? (
              <span title={`${Math.round(etaMs / 1000).toLocaleString('en')} s at the current rate`}>
                about {formatDuration(etaMs)} left
              </span>
            ) : null}
            {run.progressNote ? <span className="min-w-0 truncate font-mono">{run.progressNote}</span> : null}
          </p>
        </div>
      ) : run.status === 'succeeded' ? (
        <p className="text-sm text-green-800 dark:text-green-300" title={exactBytes(run.progressDone)}>
          Finished: {formatBytes(run.progressDone)} written.
        </p>
      ) : run.status === 'failed' ? (
        <p role="alert" className="text-sm text-red-800 dark:text-red-300">
          Failed: {run.error ?? 'no reason was recorded'}. The log below says more; fix the cause and start
          again.
        </p>
      ) : run.status === 'cancelled' ? (
        <p className="text-sm text-amber-800 dark:text-amber-300">
          Cancelled. What was written so far is incomplete: empty the directory (or restore with overwrite)
          before using it.
        </p>
      ) : null}
      <details open={active || run.status === 'failed'}>
        <summary className="cursor-pointer text-sm font-medium">Log</summary>
        <div className="mt-2">
          <RunLog lines={run.log ?? []} live={active} label={`${title} log`} />
        </div>
      </details>
    </section>
  );
}
