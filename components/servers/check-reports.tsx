'use client';

import type { CheckReportView } from '@/components/api/types';
import { useCheckReports } from '@/components/api/use-checks';
import { EmptyState } from '@/components/ui/feedback';
import { Section } from '@/components/ui/page-header';
import { QueryView } from '@/components/ui/query-view';
import { CheckReportTable } from './check-report-table';
import { ReportSummary } from './report-summary';

export function CheckReports({ name, canRun }: { name: string; canRun: boolean }) {
  const reports = useCheckReports(name);
  return (
    <QueryView
      query={reports}
      loading="Loading check reports…"
      errorTitle="The check reports could not be loaded."
    >
      {(list) => {
        const [latest, ...older] = list;
        if (!latest) {
          return (
            <Section title="Latest checks">
              <EmptyState title="No checks have run yet">
                <p>
                  {canRun
                    ? 'Use "Run checks" to test the connection, replication settings, WAL and backups of this server.'
                    : 'An operator can run the checks from this page.'}
                </p>
              </EmptyState>
            </Section>
          );
        }
        return (
          <>
            <Section title="Latest checks" actions={<ReportSummary report={latest} />}>
              <CheckReportTable report={latest} caption="Latest check results" />
            </Section>
            {older.length ? <History reports={older} /> : null}
          </>
        );
      }}
    </QueryView>
  );
}

function History({ reports }: { reports: CheckReportView[] }) {
  return (
    <Section title="History">
      <details className="rounded-lg border border-zinc-200 dark:border-zinc-800">
        <summary className="cursor-pointer px-4 py-2 text-sm font-medium">
          Show {reports.length} previous reports
        </summary>
        <ul className="space-y-2 p-3">
          {reports.map((r) => (
            <li key={r.id}>
              <details className="rounded-md border border-zinc-200 dark:border-zinc-800">
                <summary className="cursor-pointer px-3 py-2">
                  <ReportSummary report={r} />
                </summary>
                <div className="p-3">
                  <CheckReportTable report={r} caption="Check results" />
                </div>
              </details>
            </li>
          ))}
        </ul>
      </details>
    </Section>
  );
}
