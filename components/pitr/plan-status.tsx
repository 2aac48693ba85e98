import type { RestorePlanView } from '@/server/contracts/recovery';
import { ErrorNotice } from '@/components/ui/feedback';
import { Bytes } from '@/components/ui/values';
import type { Zone } from './target-text';
import { ZonedTime } from './zoned-time';

type LivePlan = { data?: RestorePlanView; error: unknown; settling: boolean };

/** The plan's verdict on the target as it stands: reachable and how, or why not and what is. */
export function PlanStatus({ plan, zone, label = 'Plan' }: { plan: LivePlan; zone: Zone; label?: string }) {
  if (plan.error) return <ErrorNotice title="The plan could not be made." error={plan.error} />;
  const data = plan.data;
  return (
    <div
      aria-live="polite"
      aria-busy={plan.settling || undefined}
      aria-label={label}
      role="region"
      className={plan.settling ? 'opacity-60 transition-opacity' : 'transition-opacity'}
    >
      {!data ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Checking the target against the archive…</p>
      ) : data.ok ? (
        <Reachable plan={data} zone={zone} />
      ) : (
        <Unreachable plan={data} />
      )}
      {plan.settling && data ? (
        <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">Checking the new target…</p>
      ) : null}
    </div>
  );
}

function Reachable({ plan, zone }: { plan: RestorePlanView; zone: Zone }) {
  return (
    <div className="space-y-1 rounded-md border border-green-300 bg-green-50 p-3 text-sm text-green-950 dark:border-green-800 dark:bg-green-950/40 dark:text-green-100">
      <p className="font-semibold">Reachable.</p>
      {plan.backup ? (
        <p>
          From backup <code className="font-mono">{plan.backup.backupId}</code>
          {plan.backup.name ? ` '${plan.backup.name}'` : ''} (timeline {plan.backup.timeline}, consistent at{' '}
          <code className="font-mono">{plan.backup.endLsn}</code>,{' '}
          <ZonedTime iso={plan.backup.endTime} zone={zone} />
          ), recovery follows timeline {plan.timeline.resolved} and stops at{' '}
          {plan.stop?.description ?? 'the end of the archive'}.
        </p>
      ) : null}
      {plan.wal ? (
        <p>
          WAL to replay: {plan.wal.segments.toLocaleString('en')} segment{plan.wal.segments === 1 ? '' : 's'}{' '}
          (<Bytes value={plan.wal.bytes} />
          ), <code className="font-mono text-xs">{plan.wal.first}</code> to{' '}
          <code className="font-mono text-xs">{plan.wal.last}</code>.
        </p>
      ) : null}
      {plan.messages.map((m) => (
        <p key={m} className="text-amber-900 dark:text-amber-200">
          {m}
        </p>
      ))}
    </div>
  );
}

export function Unreachable({ plan }: { plan: RestorePlanView }) {
  return (
    <div
      role="alert"
      aria-label="Target not reachable"
      className="space-y-2 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950/60 dark:text-red-100"
    >
      <p className="font-semibold">Not reachable.</p>
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
}
