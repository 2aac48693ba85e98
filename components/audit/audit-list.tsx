'use client';

import type { AuditFilters as ApiFilters } from '@/components/api/types';
import { auditExportUrl, useAuditEvents } from '@/components/api/use-audit';
import { Button, buttonClass } from '@/components/ui/button';
import { EmptyState, ErrorNotice, Loading } from '@/components/ui/feedback';
import { useUrlFilters } from '@/components/ui/use-url-filters';
import { AuditFilters, auditFilterKeys, type AuditFilterValues } from './audit-filters';
import { AuditTable } from './audit-table';

/** datetime-local values are local wall-clock times; the API takes instants. */
function toInstant(local: string | undefined): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function toApiFilters(v: AuditFilterValues): ApiFilters {
  return {
    actor: v.actor,
    action: v.action,
    outcome: v.outcome,
    targetType: v.targetType,
    targetId: v.targetId,
    from: toInstant(v.from),
    to: toInstant(v.to),
  };
}

export function AuditList() {
  const [values, setValues] = useUrlFilters(auditFilterKeys);
  const filters = toApiFilters(values);
  const audit = useAuditEvents(filters);
  const events = audit.data?.pages.flatMap((p) => p.events) ?? [];
  const filtered = auditFilterKeys.some((k) => values[k]);
  return (
    <>
      <AuditFilters key={JSON.stringify(values)} values={values} onApply={setValues} />
      <p className="mb-4">
        <a href={auditExportUrl(filters)} download className={buttonClass('secondary', 'sm')}>
          Export CSV
        </a>
        <span className="ml-2 text-sm text-zinc-600 dark:text-zinc-400">
          every event matching the filters, not only those loaded below
        </span>
      </p>
      {audit.error ? (
        <ErrorNotice
          title="The audit events could not be loaded."
          error={audit.error}
          onRetry={() => void audit.refetch()}
        />
      ) : null}
      {audit.isPending ? <Loading label="Loading audit events…" /> : null}
      {audit.data && !events.length ? (
        <EmptyState title={filtered ? 'No events match these filters' : 'No audit events yet'}>
          <p>
            {filtered
              ? 'Widen the time range or clear the filters.'
              : 'Sign-ins, changes and runs are recorded here as they happen.'}
          </p>
        </EmptyState>
      ) : null}
      {events.length ? <AuditTable events={events} /> : null}
      {audit.hasNextPage ? (
        <div className="mt-4">
          <Button busy={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>
            Load more
          </Button>
        </div>
      ) : null}
    </>
  );
}
