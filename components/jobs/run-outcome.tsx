import type { RunView } from '@/server/contracts/runs';

type CheckResult = { ok?: unknown; failed?: unknown };

function failedChecks(result: unknown): string[] | null {
  if (!result || typeof result !== 'object') return null;
  const failed = (result as CheckResult).failed;
  return Array.isArray(failed) ? failed.filter((f): f is string => typeof f === 'string') : null;
}

/** One sentence on how a finished run ended, and what to do when it did not succeed. */
export function RunOutcome({ run }: { run: RunView }) {
  if (run.status === 'succeeded') {
    const failed = run.kind === 'server.check' ? failedChecks(run.result) : null;
    if (failed?.length)
      return (
        <p className="text-sm text-red-800 dark:text-red-300">
          The checks ran; failed: {failed.join(', ')}. The hints below say how to fix each.
        </p>
      );
    return (
      <p className="text-sm text-green-800 dark:text-green-300">
        {run.kind === 'server.check' ? 'All checks passed.' : 'The run succeeded.'}
      </p>
    );
  }
  if (run.status === 'failed') {
    return (
      <p className="text-sm text-red-800 dark:text-red-300">
        The run failed: {run.error ?? 'no reason was recorded'}. Read the log for details, fix the cause and
        start it again.
      </p>
    );
  }
  if (run.status === 'cancelled')
    return <p className="text-sm text-amber-800 dark:text-amber-300">The run was cancelled.</p>;
  return null;
}
