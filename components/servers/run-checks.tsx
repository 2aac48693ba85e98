'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { useRefreshAfterCheck, useStartCheck } from '@/components/api/use-checks';
import { isRunActive, useRun, useRuns } from '@/components/api/use-runs';
import { useCan } from '@/components/auth/roles';
import { RunLog } from '@/components/jobs/run-log';
import { RunOutcome } from '@/components/jobs/run-outcome';
import { RunStatusBadge } from '@/components/jobs/run-status-badge';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';

/**
 * "Run checks" (operators) and the live progress of the check run — the one just started, or one
 * already in flight when the page was opened — then a refresh of the reports when it ends.
 */
export function RunChecks({ name, serverId }: { name: string; serverId: string }) {
  const canRun = useCan('operator');
  const start = useStartCheck(name);
  const [startedId, setStartedId] = useState<string | null>(null);
  const recent = useRuns({ serverId, kind: 'server.check' }, { limit: 1 });
  const latest = recent.data?.pages[0]?.runs[0];
  const activeId = startedId ?? (latest && isRunActive(latest) ? latest.id : null);
  const run = useRun(activeId);
  const refresh = useRefreshAfterCheck(name);
  const refreshed = useRef<string | null>(null);
  const running = run.data ? isRunActive(run.data) : start.isPending;

  useEffect(() => {
    const r = run.data;
    if (r && !isRunActive(r) && refreshed.current !== r.id) {
      refreshed.current = r.id;
      void refresh();
    }
  }, [run.data, refresh]);

  return (
    <div className="space-y-3">
      {canRun ? (
        <Button
          variant="primary"
          busy={running}
          disabled={running}
          onClick={() => start.mutate(undefined, { onSuccess: (r) => setStartedId(r.id) })}
        >
          Run checks
        </Button>
      ) : null}
      {start.error ? <ErrorNotice title="The checks could not be started." error={start.error} /> : null}
      {run.data ? (
        <div
          className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
          aria-label="Check run progress"
          role="region"
        >
          <p className="mb-2 flex flex-wrap items-center gap-2 text-sm">
            <span className="font-medium">Check run</span>
            <RunStatusBadge status={run.data.status} cancelRequested={run.data.cancelRequested} />
            {run.data.phase ? <span>phase: {run.data.phase}</span> : null}
            {run.data.progressNote ? (
              <span className="text-zinc-600 dark:text-zinc-400">{run.data.progressNote}</span>
            ) : null}
            <Link href={`/jobs/${run.data.id}`} className="text-blue-700 hover:underline dark:text-blue-400">
              Open job
            </Link>
          </p>
          <RunOutcome run={run.data} />
          {run.data.log ? (
            <RunLog lines={run.data.log.slice(-8)} live={isRunActive(run.data)} label="Check run log" />
          ) : null}
        </div>
      ) : null}
      {run.error ? (
        <ErrorNotice title="The check run's progress could not be loaded." error={run.error} />
      ) : null}
    </div>
  );
}
