'use client';

import Link from 'next/link';
import { useState } from 'react';
import { alertSeverities, type AlertSeverity, type AlertState, type AlertView } from '@/server/contracts/alerts';
import { useAlertSummary, useAlerts, type AlertFilters } from '@/components/api/use-alerts';
import { useServers } from '@/components/api/use-servers';
import { useCan } from '@/components/auth/roles';
import { Button } from '@/components/ui/button';
import { EmptyState, ErrorNotice, Loading } from '@/components/ui/feedback';
import { SelectField } from '@/components/ui/field';
import { Section } from '@/components/ui/page-header';
import { useUrlFilters } from '@/components/ui/use-url-filters';
import { AcknowledgeDialog } from './acknowledge-dialog';
import { AlertsTable } from './alerts-table';

const views: { state: AlertState; label: string }[] = [
  { state: 'open', label: 'Open' },
  { state: 'acknowledged', label: 'Acknowledged' },
  { state: 'resolved', label: 'History' },
];
const filterKeys = ['state', 'server', 'severity', 'id'] as const;
const severityLabels: Record<AlertSeverity, string> = { critical: 'Critical', warning: 'Warning', info: 'Info' };

export function AlertsDashboard() {
  const [values, setValues] = useUrlFilters(filterKeys);
  const state = (views.find((v) => v.state === values.state)?.state ?? 'open');
  const filters: AlertFilters = { state, server: values.server, severity: alertSeverities.find((s) => s === values.severity) };
  const canAcknowledge = useCan('operator');
  const [pending, setPending] = useState<AlertView | null>(null);
  return (
    <>
      <SummaryLine />
      {values.id ? <OneAlert id={values.id} canAcknowledge={canAcknowledge} onAcknowledge={setPending} onDone={() => setValues({ ...values, id: undefined })} /> : null}
      <nav aria-label="Alert views" className="mb-4 flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {views.map((v) => (
          <button
            key={v.state}
            type="button"
            aria-current={v.state === state ? 'page' : undefined}
            onClick={() => setValues({ ...values, state: v.state, id: undefined })}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${v.state === state ? 'border-blue-600 text-zinc-950 dark:text-white' : 'border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400'}`}
          >
            {v.label}
          </button>
        ))}
      </nav>
      <Filters values={values} onChange={(next) => setValues({ ...values, ...next })} />
      <AlertList filters={filters} canAcknowledge={canAcknowledge} onAcknowledge={setPending} />
      <AcknowledgeDialog alert={pending} onClose={() => setPending(null)} />
    </>
  );
}

function SummaryLine() {
  const summary = useAlertSummary();
  if (!summary.data) return null;
  const { open, unacknowledged, bySeverity } = summary.data;
  return (
    <p className="mb-4 text-sm text-zinc-700 dark:text-zinc-300" aria-label="Open alerts by severity">
      {open === 0
        ? 'No open alerts.'
        : `${open} open (${alertSeverities.filter((s) => bySeverity[s]).map((s) => `${bySeverity[s]} ${s}`).reverse().join(', ')}), ${unacknowledged} not acknowledged.`}
    </p>
  );
}

function Filters({ values, onChange }: { values: Partial<Record<(typeof filterKeys)[number], string>>; onChange: (next: { server?: string; severity?: string }) => void }) {
  const servers = useServers();
  const serverOptions = [{ value: '', label: 'All servers' }, ...(servers.data ?? []).map((s) => ({ value: s.name, label: s.name }))];
  const severityOptions = [{ value: '', label: 'Any severity' }, ...alertSeverities.map((s) => ({ value: s, label: severityLabels[s] }))];
  return (
    <div className="mb-4 grid max-w-xl gap-4 md:grid-cols-2">
      <SelectField label="Server" options={serverOptions} value={values.server ?? ''} onChange={(e) => onChange({ server: e.target.value || undefined })} />
      <SelectField label="Severity" options={severityOptions} value={values.severity ?? ''} onChange={(e) => onChange({ severity: e.target.value || undefined })} />
    </div>
  );
}

function AlertList({ filters, canAcknowledge, onAcknowledge }: { filters: AlertFilters; canAcknowledge: boolean; onAcknowledge: (a: AlertView) => void }) {
  const alerts = useAlerts(filters);
  const list = alerts.data?.pages.flatMap((p) => p.alerts) ?? [];
  if (alerts.error && !alerts.data) return <ErrorNotice title="The alerts could not be loaded." error={alerts.error} onRetry={() => void alerts.refetch()} />;
  if (alerts.isPending) return <Loading label="Loading alerts…" />;
  if (!list.length)
    return (
      <EmptyState title={filters.state === 'resolved' ? 'No alert has resolved yet' : filters.state === 'acknowledged' ? 'No acknowledged alert' : 'No open alert'}>
        <p>Alerts open when a rule’s condition holds (Settings → Alert rules) and resolve by themselves.</p>
      </EmptyState>
    );
  // Open alerts by severity, most severe first; the other views in time order.
  const groups = filters.state === 'resolved' ? [{ label: 'Resolved alerts', alerts: list }] : [...alertSeverities].reverse().map((s) => ({ label: `${severityLabels[s]} alerts`, alerts: list.filter((a) => a.severity === s) })).filter((g) => g.alerts.length);
  return (
    <>
      {groups.map((g) => (
        <Section key={g.label} title={`${g.label} (${g.alerts.length})`}>
          <AlertsTable alerts={g.alerts} label={g.label} canAcknowledge={canAcknowledge} onAcknowledge={onAcknowledge} />
        </Section>
      ))}
      {alerts.hasNextPage ? (
        <Button busy={alerts.isFetchingNextPage} onClick={() => void alerts.fetchNextPage()}>
          Load more
        </Button>
      ) : null}
    </>
  );
}

function OneAlert({ id, canAcknowledge, onAcknowledge, onDone }: { id: string; canAcknowledge: boolean; onAcknowledge: (a: AlertView) => void; onDone: () => void }) {
  const alerts = useAlerts({ state: 'all', id }, 1);
  const alert = alerts.data?.pages[0]?.alerts[0];
  if (!alert) return null;
  return (
    <Section title="This alert" actions={<Button size="sm" variant="ghost" onClick={onDone}>Close</Button>}>
      <AlertsTable alerts={[alert]} label="The alert from the link" canAcknowledge={canAcknowledge} onAcknowledge={onAcknowledge} />
      {alert.details ? (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer">Details</summary>
          <pre className="mt-1 overflow-x-auto rounded bg-zinc-100 p-2 text-xs dark:bg-zinc-900">{JSON.stringify(alert.details, null, 2)}</pre>
        </details>
      ) : null}
      <p className="mt-2 text-sm">
        <Link className="underline" href="/alerts">All alerts</Link>
      </p>
    </Section>
  );
}
