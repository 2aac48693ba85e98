'use client';

import { startRestoreInput, type RestoreReportView } from '@/server/contracts/recovery';
import { useRun } from '@/components/api/use-runs';
import { Button } from '@/components/ui/button';
import { ErrorNotice, Loading } from '@/components/ui/feedback';
import { RestoreResult } from './restore-result';
import { RunProgress } from './run-progress';

const restorePhases = ['plan', 'connect', 'restore files', 'wal', 'recovery settings'] as const;

/** Step 7: the restore run live, then its result. */
export function RunStep({
  server,
  runId,
  onAnother,
}: {
  server: string;
  runId: string;
  onAnother: () => void;
}) {
  const run = useRun(runId);
  if (run.isPending) return <Loading label="Loading the restore run…" />;
  if (!run.data)
    return (
      <ErrorNotice
        title="The restore run could not be loaded."
        error={run.error}
        onRetry={() => void run.refetch()}
      />
    );
  const request = startRestoreInput.safeParse(run.data.input);
  const report = run.data.status === 'succeeded' ? (run.data.result as RestoreReportView | null) : null;
  return (
    <div className="space-y-4">
      {run.error ? (
        <ErrorNotice title="Live updates failed; what you see may be out of date." error={run.error} />
      ) : null}
      <RunProgress run={run.data} title="Restore run" phases={restorePhases} />
      {report && request.success ? (
        <RestoreResult server={server} report={report} request={request.data} />
      ) : null}
      {run.data.status === 'failed' || run.data.status === 'cancelled' || report ? (
        <Button onClick={onAnother}>{report ? 'Start another restore' : 'Back to the review'}</Button>
      ) : null}
    </div>
  );
}
