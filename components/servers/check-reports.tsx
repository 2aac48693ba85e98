'use client';

import type { CheckReportView } from '@/components/api/types';
import { useCheckReports } from '@/components/api/use-checks';
import { EmptyState } from '@/components/ui/feedback';
import { Section } from '@/components/ui/page-header';
import { QueryView } from '@/components/ui/query-view';
import { CheckHistory } from './check-history';
import { CheckReportTable } from './check-report-table';
import { ReportSummary } from './report-summary';

/** The latest report (failed checks first, with their hints), the history of every check, and the earlier reports in full. */
export function CheckReports({ name, canRun }: { name: string; canRun: boolean }) {
  const reports = useCheckReports(name, 40);
  return (
    <QueryView query={reports} loading="Loading check reports…" errorTitle="The check reports could not be loaded.">
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
            {older.length ? (
              <Section title="History">
                <CheckHistory reports={list} />
                <EarlierReports reports={older} />
              </Section>
            ) : null}
          </>
        );
      }}
    </QueryView>
  );
}

function EarlierReports({ reports }: { reports: CheckReportView[] }) {
  return (
    <details className="mt-4 rounded-lg border border-zinc-200 dark:border-zinc-800">
      <summary className="cursor-pointer px-4 py-2 text-sm font-medium">Show the {reports.length} earlier reports in full</summary>
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
  );
}
