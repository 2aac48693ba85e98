'use client';

import { useAlertSummary } from '@/components/api/use-alerts';

/** Open alerts nobody acknowledged yet, beside "Alerts" in the navigation; red when one is critical. */
export function AlertCountBadge() {
  const summary = useAlertSummary();
  const count = summary.data?.unacknowledged ?? 0;
  if (!count) return null;
  const critical = (summary.data?.bySeverity.critical ?? 0) > 0;
  return (
    <span
      title={`${count} open alert${count === 1 ? '' : 's'} not acknowledged`}
      className={`ml-2 inline-flex min-w-5 items-center justify-center rounded-full px-1.5 text-xs font-bold text-white ${critical ? 'bg-red-700' : 'bg-amber-600'}`}
    >
      {count}
      <span className="sr-only"> unacknowledged alerts</span>
    </span>
  );
}
