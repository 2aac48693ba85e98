import type { CheckReportView } from '@/components/api/types';
import { Badge } from '@/components/ui/badge';
import { Duration, Time } from '@/components/ui/values';

export function ReportSummary({ report }: { report: CheckReportView }) {
  const failed = report.results.filter((r) => r.status === 'FAILED').length;
  return (
    <span className="inline-flex flex-wrap items-center gap-2 text-sm">
      {report.ok ? <Badge tone="green">OK</Badge> : <Badge tone="red">FAILED</Badge>}
      <span>
        checked <Time iso={report.checkedAt} />
      </span>
      <span className="text-zinc-600 dark:text-zinc-400">
        in <Duration ms={report.durationMs} />
      </span>
      <span className="text-zinc-600 dark:text-zinc-400">
        {failed ? `${failed} of ${report.results.length} failed` : `${report.results.length} checks passed`}
      </span>
    </span>
  );
}
