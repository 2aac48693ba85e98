'use client';

import { useRouter } from 'next/navigation';
import { canRetry, retryableKinds, type RunView } from '@/server/contracts/runs';
import { useRetryRun } from '@/components/api/use-runs';
import { useCan } from '@/components/auth/roles';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';

/**
 * "Retry": a new run with the same input, then its page. Shown for failed or cancelled runs of
 * the kinds that may be retried, to the roles that may start them; restores never show it.
 */
export function RetryRunButton({ run, size = 'md' }: { run: RunView; size?: 'sm' | 'md' }) {
  const router = useRouter();
  const role = retryableKinds[run.kind] ?? 'admin';
  const allowed = useCan(role);
  const retry = useRetryRun(run.id);
  if (!allowed || !canRetry(run)) return null;
  return (
    <div className="space-y-2">
      <Button size={size} busy={retry.isPending} onClick={() => retry.mutate(undefined, { onSuccess: (next) => router.push(`/jobs/${next.id}`) })}>
        Retry
      </Button>
      {retry.error ? <ErrorNotice title="The run was not retried." error={retry.error} /> : null}
    </div>
  );
}
