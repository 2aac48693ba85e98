'use client';

import Link from 'next/link';
import { isRunActive, useRun } from '@/components/api/use-runs';
import { PageHeader, Section } from '@/components/ui/page-header';
import { QueryView } from '@/components/ui/query-view';
import { CancelRunButton } from './cancel-run-button';
import { RetryRunButton } from './retry-run-button';
import { RunFacts } from './run-facts';
import { RunLog } from './run-log';
import { RunOutcome } from './run-outcome';
import { RunStatusBadge } from './run-status-badge';

export function RunDetail({ id }: { id: string }) {
  const run = useRun(id);
  const title = run.data
    ? `${run.data.kind}${run.data.serverName ? ` on ${run.data.serverName}` : ''}`
    : 'Job';
  return (
    <>
      <PageHeader
        title={title}
        description={
          <Link href="/jobs" className="text-blue-700 hover:underline dark:text-blue-400">
            ← All jobs
          </Link>
        }
        actions={
          run.data ? (
            <>
              <CancelRunButton run={run.data} />
              <RetryRunButton run={run.data} />
            </>
          ) : null
        }
      />
      <QueryView query={run} loading="Loading the job…" errorTitle="The job could not be loaded.">
        {(r) => (
          <>
            <div className="mb-4 flex flex-wrap items-center gap-3">
              <RunStatusBadge status={r.status} cancelRequested={r.cancelRequested} />
              {isRunActive(r) ? (
                <span className="text-sm text-zinc-600 dark:text-zinc-400">Updating every second.</span>
              ) : null}
            </div>
            <div className="mb-6">
              <RunOutcome run={r} />
            </div>
            <Section title="Details">
              <RunFacts run={r} />
            </Section>
            <Section title="Log">
              <RunLog lines={r.log ?? []} live={isRunActive(r)} />
            </Section>
            {r.result !== null && r.result !== undefined ? (
              <Section title="Result">
                <pre className="overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 text-xs dark:border-zinc-800 dark:bg-zinc-900">
                  {JSON.stringify(r.result, null, 2)}
                </pre>
              </Section>
            ) : null}
          </>
        )}
      </QueryView>
    </>
  );
}
