import Link from 'next/link';
import { canRetry, type RunView } from '@/server/contracts/runs';
import { backupPageHref } from '@/components/api/backup-paths';
import { Bytes } from '@/components/ui/values';
import { readBackupRunResult, readFailedChecks, readVerifySummary } from './run-results';

const successClass = 'text-sm text-green-800 dark:text-green-300';

/** One sentence on how a finished run ended, and what to do when it did not succeed. */
export function RunOutcome({ run }: { run: RunView }) {
  if (run.status === 'succeeded') return <Succeeded run={run} />;
  if (run.status === 'failed') {
    return (
      <p className="text-sm text-red-800 dark:text-red-300">
        The run failed: {sentence(run.error ?? 'no reason was recorded')} Read the log for details, fix the cause, then
        {canRetry(run) ? ' retry it.' : ' start it again.'}
      </p>
    );
  }
  if (run.status === 'cancelled')
    return <p className="text-sm text-amber-800 dark:text-amber-300">The run was cancelled.</p>;
  return null;
}

/** The reason as a sentence: its own final stop kept, one added when it has none. */
function sentence(text: string): string {
  return /[.?!]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

function Succeeded({ run }: { run: RunView }) {
  if (run.kind === 'server.check') {
    const failed = readFailedChecks(run.result);
    if (failed?.length)
      return (
        <p className="text-sm text-red-800 dark:text-red-300">
          The checks ran; failed: {failed.join(', ')}. The hints below say how to fix each.
        </p>
      );
    return <p className={successClass}>All checks passed.</p>;
  }
  if (run.kind === 'backup.run') {
    const backup = readBackupRunResult(run.result);
    if (backup && run.serverName)
      return (
        <p className={successClass}>
          Backup{' '}
          <Link
            href={backupPageHref(run.serverName, backup.backupId)}
            className="font-mono font-semibold underline"
          >
            {backup.backupId}
          </Link>{' '}
          is {backup.status}: <Bytes value={backup.size} /> copied, <Bytes value={backup.storedSize} /> stored
          (<Bytes value={backup.deduplicatedSize} /> new in the repository).
        </p>
      );
  }
  if (run.kind === 'backup.verify') {
    const summary = readVerifySummary(run.result);
    if (summary) return <p className={successClass}>{summary}</p>;
  }
  return <p className={successClass}>The run succeeded.</p>;
}
