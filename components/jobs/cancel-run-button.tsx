'use client';

import type { RunView } from '@/server/contracts/runs';
import { isRunActive, useCancelRun } from '@/components/api/use-runs';
import { useCan } from '@/components/auth/roles';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';

/** Operators, and only while the run is queued or running; the worker stops at a safe point. */
export function CancelRunButton({ run, size = 'md' }: { run: RunView; size?: 'sm' | 'md' }) {
  const canCancel = useCan('operator');
  const cancel = useCancelRun(run.id);
  if (!canCancel || !isRunActive(run)) return null;
  if (run.cancelRequested)
    return (
      <p className="text-sm text-amber-800 dark:text-amber-300">
        Cancellation requested; waiting for the worker to stop.
      </p>
    );
  return (
    <div className="space-y-2">
      <Button variant="danger" size={size} className="whitespace-nowrap" busy={cancel.isPending} onClick={() => cancel.mutate()}>
        Cancel run
      </Button>
      {cancel.error ? <ErrorNotice title="The run was not cancelled." error={cancel.error} /> : null}
    </div>
  );
}
