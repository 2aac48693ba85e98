import Link from 'next/link';
import type { BackupDetailView } from '@/server/contracts/backups';
import { Notice } from '@/components/ui/feedback';

/** What is wrong with, or still happening to, a backup that is not DONE: first thing on its page. */
export function BackupProblem({ backup: b }: { backup: BackupDetailView }) {
  const job = b.runId ? (
    <Link href={`/jobs/${b.runId}`} className="font-medium underline">
      its job
    </Link>
  ) : null;
  if (b.status === 'FAILED')
    return (
      <div
        role="alert"
        className="mb-6 rounded-md border border-red-300 bg-red-50 p-4 text-red-900 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100"
      >
        <p className="font-semibold">This backup failed and cannot be restored.</p>
        <p className="mt-1 text-sm break-words">{b.error ?? 'No reason was recorded.'}</p>
        <p className="mt-2 text-sm">
          Fix the cause and take a new backup{job ? <>; the log is in {job}</> : null}. Deleting this entry
          only tidies the catalog.
        </p>
      </div>
    );
  if (b.status === 'STARTED' || b.status === 'EMPTY')
    return (
      <div className="mb-6">
        <Notice>
          This backup is being taken; this page updates by itself{job ? <>. Follow {job}</> : null}.
        </Notice>
      </div>
    );
  if (b.status === 'WAITING_FOR_WALS')
    return (
      <div className="mb-6">
        <Notice tone="warning">
          The files are copied; the backup becomes DONE (restorable) once the WAL up to{' '}
          {b.endWal ?? 'its end'} has been archived.
        </Notice>
      </div>
    );
  return null;
}
