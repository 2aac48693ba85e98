import type { RestorePlanView } from '@/server/contracts/recovery';
import { Notice } from '@/components/ui/feedback';

/** The plan of a restore: the backup chosen and why, where recovery stops, or why it cannot. */
export function RestorePlanSummary({ plan }: { plan: RestorePlanView }) {
  if (!plan.ok)
    return (
      <div role="alert" aria-label="Target not reachable" className="space-y-2 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100">
        {plan.problems.map((p) => (
          <p key={p.code + p.message}>{p.message}</p>
        ))}
        {plan.reachable.length ? (
          <div>
            <p className="font-semibold">Reachable instead:</p>
            <ul className="list-disc pl-5">
              {plan.reachable.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
    );
  return (
    <section aria-label="Restore plan" className="space-y-1 rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-950 dark:border-green-800 dark:bg-green-950/40 dark:text-green-100">
      <p>
        Backup <strong>{plan.backup?.backupId}</strong>, timeline {plan.timeline.resolved}: {plan.backup?.reason}
      </p>
      {plan.stop ? <p>Recovery stops at {plan.stop.description}.</p> : null}
      {plan.wal ? (
        <p>
          WAL needed: {plan.wal.segments} segments ({plan.wal.first} to {plan.wal.last}).
        </p>
      ) : null}
      {plan.messages.map((m) => (
        <Notice key={m} tone="warning">
          {m}
        </Notice>
      ))}
    </section>
  );
}
