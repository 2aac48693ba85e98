import Link from 'next/link';
import type { ReactNode } from 'react';
import type { RunView } from '@/server/contracts/runs';
import { isRunActive } from '@/components/api/use-runs';
import { Time } from '@/components/ui/values';
import { RunDuration } from './run-duration';
import { RunProgress } from './run-progress';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
        {label}
      </dt>
      <dd className="mt-0.5 text-sm break-words">{children}</dd>
    </div>
  );
}

export function RunFacts({ run }: { run: RunView }) {
  return (
    <dl className="grid gap-4 rounded-lg border border-zinc-200 p-4 sm:grid-cols-2 lg:grid-cols-4 dark:border-zinc-800">
      <Fact label="Run id">
        <code className="text-xs select-all">{run.id}</code>
      </Fact>
      <Fact label="Server">
        {run.serverName ? (
          <Link
            href={`/servers/${run.serverName}`}
            className="text-blue-700 hover:underline dark:text-blue-400"
          >
            {run.serverName}
          </Link>
        ) : (
          '—'
        )}
      </Fact>
      <Fact label="Phase">
        {run.phase ?? '—'}
        {/* The note (current file, throughput) is stale once the run has ended. */}
        {run.progressNote && isRunActive(run) ? ` — ${run.progressNote}` : ''}
      </Fact>
      <Fact label="Progress">
        <RunProgress run={run} label="Run progress" />
      </Fact>
      <Fact label="Requested by">{run.requestedBy ?? 'system'}</Fact>
      <Fact label="Attempts">{run.attempts}</Fact>
      <Fact label="Queued">
        <Time iso={run.queuedAt} />
      </Fact>
      <Fact label="Started">
        <Time iso={run.startedAt} empty={run.finishedAt ? 'never' : 'not yet'} />
      </Fact>
      <Fact label="Last heartbeat">
        <Time iso={run.heartbeatAt} empty="none" />
      </Fact>
      <Fact label="Finished">
        <Time iso={run.finishedAt} empty="not yet" />
      </Fact>
      <Fact label="Duration">
        <RunDuration run={run} />
      </Fact>
      {run.retryOf ? (
        <Fact label="Retry of">
          <Link href={`/jobs/${run.retryOf}`} className="font-mono text-xs text-blue-700 hover:underline dark:text-blue-400">
            {run.retryOf}
          </Link>
        </Fact>
      ) : null}
      {run.retriedAs?.length ? (
        <Fact label="Retried as">
          {run.retriedAs.map((id) => (
            <Link key={id} href={`/jobs/${id}`} className="block font-mono text-xs text-blue-700 hover:underline dark:text-blue-400">
              {id}
            </Link>
          ))}
        </Fact>
      ) : null}
    </dl>
  );
}
