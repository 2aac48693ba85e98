import type { LastCheck } from '@/components/api/types';
import { Badge } from '@/components/ui/badge';
import { Time } from '@/components/ui/values';

/** Health from the latest check report: OK, or FAILED with the names of the failed checks. */
export function HealthCell({ lastCheck }: { lastCheck: LastCheck | null }) {
  if (!lastCheck) {
    return (
      <div>
        <Badge tone="gray">Not checked</Badge>
        <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">Run the checks to see its health.</p>
      </div>
    );
  }
  return (
    <div>
      {lastCheck.ok ? <Badge tone="green">OK</Badge> : <Badge tone="red">FAILED</Badge>}
      {lastCheck.failed.length ? (
        <p className="mt-1 text-xs text-red-800 dark:text-red-300">
          <span className="sr-only">Failed checks: </span>
          {lastCheck.failed.join(', ')}
        </p>
      ) : null}
      <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
        checked <Time iso={lastCheck.checkedAt} />
      </p>
    </div>
  );
}
