import Link from 'next/link';
import type { RunView } from '@/server/contracts/runs';
import { isRunActive } from '@/components/api/use-runs';
import { formatEta, splitProgressNote } from '@/components/format/format-backup';
import { CancelRunButton } from '@/components/jobs/cancel-run-button';
import { RunOutcome } from '@/components/jobs/run-outcome';
import { RunStatusBadge } from '@/components/jobs/run-status-badge';
import { ProgressBar } from '@/components/ui/progress-bar';

/** A backup or verify run as it happens: bytes done of total, current file, throughput, ETA; then its outcome. */
export function BackupRunPanel({ run, title }: { run: RunView; title: string }) {
  const active = isRunActive(run);
  const note = splitProgressNote(run.progressNote);
  return (
    <div
      role="region"
      aria-label={title}
      className="space-y-3 rounded-lg border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-950"
    >
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium">{title}</span>
        <RunStatusBadge status={run.status} cancelRequested={run.cancelRequested} />
        {run.phase && active ? <span className="text-zinc-600 dark:text-zinc-400">{run.phase}</span> : null}
        <Link href={`/jobs/${run.id}`} className="text-blue-700 hover:underline dark:text-blue-400">
          Open job
        </Link>
        <div className="ml-auto">
          <CancelRunButton run={run} />
        </div>
      </div>
      {active ? (
        <div className="space-y-1">
          <ProgressBar done={run.progressDone} total={run.progressTotal} label={`${title}: bytes copied`} />
          <p className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
            {note.file ? (
              <span className="min-w-0 truncate">
                File <code className="text-zinc-900 dark:text-zinc-100">{note.file}</code>
              </span>
            ) : null}
            {note.rate ? <span>{note.rate}</span> : null}
            {note.eta ? <span>about {formatEta(note.eta)} left</span> : null}
            {run.status === 'queued' ? <span>Waiting for a worker…</span> : null}
          </p>
        </div>
      ) : (
        <RunOutcome run={run} />
      )}
    </div>
  );
}
