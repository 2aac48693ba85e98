'use client';

import { runStatuses, type RunStatus } from '@/server/contracts/runs';
import { isRunActive, useRuns, type RunFilters as Filters } from '@/components/api/use-runs';
import { useCan } from '@/components/auth/roles';
import { Button } from '@/components/ui/button';
import { EmptyState, ErrorNotice, Loading } from '@/components/ui/feedback';
import { useUrlFilters } from '@/components/ui/use-url-filters';
import { RunFilters } from './run-filters';
import { RunsTable } from './runs-table';

const filterKeys = ['server', 'kind', 'status'] as const;

function toApiFilters(values: Partial<Record<(typeof filterKeys)[number], string>>): Filters {
  const status: RunStatus | undefined = runStatuses.find((s) => s === values.status);
  return { serverId: values.server, kind: values.kind, status };
}

export function JobsList() {
  const [values, setValues] = useUrlFilters(filterKeys);
  const runs = useRuns(toApiFilters(values));
  const list = runs.data?.pages.flatMap((p) => p.runs) ?? [];
  const filtered = Boolean(values.server || values.kind || values.status);
  const canAct = useCan('operator');
  const active = list.filter(isRunActive).length;
  return (
    <>
      <RunFilters values={values} seenKinds={[...new Set(list.map((r) => r.kind))]} onChange={setValues} />
      {active ? (
        <p role="status" className="mb-3 text-sm text-blue-800 dark:text-blue-300">
          {active} of the runs below {active === 1 ? 'is' : 'are'} queued or running; progress updates every 5 seconds.
        </p>
      ) : null}
      {runs.error ? (
        <ErrorNotice
          title={
            runs.data ? 'Live updates failed; the list may be out of date.' : 'The jobs could not be loaded.'
          }
          error={runs.error}
          onRetry={() => void runs.refetch()}
        />
      ) : null}
      {runs.isPending ? <Loading label="Loading jobs…" /> : null}
      {runs.data && !list.length ? (
        <EmptyState title={filtered ? 'No jobs match these filters' : 'No jobs yet'}>
          <p>
            {filtered
              ? 'Clear the filters to see every job.'
              : 'Checks, backups and restores appear here as soon as they are requested.'}
          </p>
        </EmptyState>
      ) : null}
      {list.length ? <RunsTable runs={list} showActions={canAct} /> : null}
      {runs.hasNextPage ? (
        <div className="mt-4">
          <Button busy={runs.isFetchingNextPage} onClick={() => void runs.fetchNextPage()}>
            Load more
          </Button>
        </div>
      ) : null}
    </>
  );
}
