import Link from 'next/link';
import type { RunView } from '@/server/contracts/runs';
import { isRunActive } from '@/components/api/use-runs';
import { Table, Td, Th, rowClass, troubleRowClass } from '@/components/ui/table';
import { Time } from '@/components/ui/values';
import { CancelRunButton } from './cancel-run-button';
import { RetryRunButton } from './retry-run-button';
import { RunDuration } from './run-duration';
import { RunProgress } from './run-progress';
import { RunStatusBadge } from './run-status-badge';

const none = <span className="text-zinc-500 dark:text-zinc-400">—</span>;

export function RunsTable({ runs, showActions }: { runs: RunView[]; showActions: boolean }) {
  return (
    <Table>
      <caption className="sr-only">Jobs, newest first</caption>
      <thead>
        <tr>
          <Th>Status</Th>
          <Th>Kind</Th>
          <Th>Server</Th>
          <Th>Phase</Th>
          <Th>Progress</Th>
          <Th title="Who asked for it (cellar: a schedule or Cellar itself)">By</Th>
          <Th>Queued</Th>
          <Th>Duration</Th>
          {showActions ? <Th>Actions</Th> : null}
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {runs.map((run) => (
          <tr key={run.id} className={run.status === 'failed' ? troubleRowClass : rowClass}>
            <Td>
              <RunStatusBadge status={run.status} cancelRequested={run.cancelRequested} />
            </Td>
            <Td className="whitespace-nowrap">
              <Link href={`/jobs/${run.id}`} className="font-medium text-blue-700 hover:underline dark:text-blue-400" title={`Run ${run.id}`}>
                {run.kind}
              </Link>
              {run.retryOf ? <span className="block text-xs text-zinc-600 dark:text-zinc-400">a retry</span> : null}
            </Td>
            <Td className="whitespace-nowrap">
              {run.serverName ? (
                <Link href={`/servers/${encodeURIComponent(run.serverName)}`} className="hover:underline">
                  {run.serverName}
                </Link>
              ) : (
                none
              )}
            </Td>
            <Td>
              <PhaseCell run={run} />
            </Td>
            <Td>
              <RunProgress run={run} label={`Progress of ${run.kind}${run.serverName ? ` on ${run.serverName}` : ''}`} />
            </Td>
            <Td>{run.requestedBy ?? <span className="text-zinc-500 dark:text-zinc-400">system</span>}</Td>
            <Td className="whitespace-nowrap">
              <Time iso={run.queuedAt} />
            </Td>
            <Td className="whitespace-nowrap">
              <RunDuration run={run} />
            </Td>
            {showActions ? (
              <Td>
                {isRunActive(run) ? <CancelRunButton run={run} size="sm" /> : <RetryRunButton run={run} size="sm" />}
              </Td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** Where a run is, or why it stopped; the note (current file) only while it runs. */
function PhaseCell({ run }: { run: RunView }) {
  if (run.status === 'succeeded') return none;
  if (run.status === 'failed' && run.error)
    return (
      <p className="line-clamp-3 max-w-sm min-w-48 text-xs break-words text-red-800 dark:text-red-300" title={run.error}>
        {run.error}
      </p>
    );
  return (
    <>
      {run.phase ?? none}
      {run.progressNote && isRunActive(run) ? <p className="max-w-xs truncate text-xs text-zinc-600 dark:text-zinc-400">{run.progressNote.split(' · ')[0]}</p> : null}
    </>
  );
}
