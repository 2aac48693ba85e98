import Link from 'next/link';
import type { RunView } from '@/server/contracts/runs';
import { isRunActive } from '@/components/api/use-runs';
import { Table, Td, Th, rowClass } from '@/components/ui/table';
import { ProgressBar } from '@/components/ui/progress-bar';
import { Bytes, Time } from '@/components/ui/values';
import { RunStatusBadge } from './run-status-badge';
import { RunDuration } from './run-duration';

export function RunsTable({ runs }: { runs: RunView[] }) {
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
          <Th>Requested by</Th>
          <Th>Queued</Th>
          <Th>Started</Th>
          <Th>Duration</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {runs.map((run) => (
          <tr key={run.id} className={rowClass}>
            <Td>
              <RunStatusBadge status={run.status} cancelRequested={run.cancelRequested} />
            </Td>
            <Td className="whitespace-nowrap">
              <Link
                href={`/jobs/${run.id}`}
                className="font-medium text-blue-700 hover:underline dark:text-blue-400"
                title={`Run ${run.id}`}
              >
                {run.kind}
              </Link>
            </Td>
            <Td>
              {run.serverName ? (
                <Link href={`/servers/${run.serverName}`} className="hover:underline">
                  {run.serverName}
                </Link>
              ) : (
                <span className="text-zinc-500 dark:text-zinc-400">—</span>
              )}
            </Td>
            <Td>
              <PhaseCell run={run} />
            </Td>
            <Td>
              {/* Once a run has succeeded, what it moved is what matters, not a full bar. */}
              {run.status === 'succeeded' ? (
                run.progressDone > 0 ? (
                  <Bytes value={run.progressDone} />
                ) : (
                  none
                )
              ) : (
                <ProgressBar
                  done={run.progressDone}
                  total={run.progressTotal}
                  label={`Progress of ${run.kind}`}
                />
              )}
            </Td>
            <Td>{run.requestedBy ?? <span className="text-zinc-500 dark:text-zinc-400">system</span>}</Td>
            <Td className="whitespace-nowrap">
              <Time iso={run.queuedAt} />
            </Td>
            <Td className="whitespace-nowrap">
              <Time iso={run.startedAt} empty={run.finishedAt ? 'never' : 'not yet'} />
            </Td>
            <Td className="whitespace-nowrap">
              <RunDuration run={run} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

const none = <span className="text-zinc-500 dark:text-zinc-400">—</span>;

/** Where a run is, or where it stopped; the note (current file, throughput) only while it runs. */
function PhaseCell({ run }: { run: RunView }) {
  if (run.status === 'succeeded') return none;
  return (
    <>
      {run.phase ?? none}
      {run.progressNote && isRunActive(run) ? (
        <p className="max-w-xs text-xs break-all text-zinc-600 dark:text-zinc-400">{run.progressNote}</p>
      ) : null}
    </>
  );
}
