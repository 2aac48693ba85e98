'use client';

import { useRecoveryWindow } from '@/components/api/use-recovery';
import { ErrorNotice, Loading } from '@/components/ui/feedback';

/** What can be restored, per timeline: the ranges, the gaps that cut them, the restore points. */
export function RecoveryWindowSummary({ server }: { server: string }) {
  const window = useRecoveryWindow(server);
  if (window.isPending) return <Loading label="Reading the recoverable window" />;
  if (window.error) return <ErrorNotice error={window.error} title="The recoverable window could not be read" />;
  return (
    <section aria-label="Recoverable window" className="mb-6 space-y-3 text-sm">
      {window.data.timelines.length === 0 ? <p>Nothing is recoverable yet: take a backup.</p> : null}
      {window.data.timelines.map((tl) => (
        <div key={tl.timeline}>
          <h2 className="font-semibold">Timeline {tl.timeline}</h2>
          {tl.ranges.length === 0 ? <p>No backup can start recovery on this timeline.</p> : null}
          <ul className="list-disc pl-5">
            {tl.ranges.map((r) => (
              <li key={r.backupId}>
                From backup {r.backupId}: {r.earliestTime} to {r.latestTime ?? r.earliestTime} (LSN {r.earliestLsn} to {r.latestLsn})
              </li>
            ))}
            {tl.gaps.map((g) => (
              <li key={g.from} className="text-red-700 dark:text-red-300">
                Gap: {g.from} to {g.to} ({g.missing} segments missing)
              </li>
            ))}
          </ul>
          {tl.restorePoints.length ? <p>Restore points: {tl.restorePoints.map((p) => `${p.name}${p.reachable ? '' : ' (unreachable)'}`).join(', ')}</p> : null}
        </div>
      ))}
    </section>
  );
}
