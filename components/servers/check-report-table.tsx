import type { CheckReportView } from '@/components/api/types';
import { Badge } from '@/components/ui/badge';
import { Table, Td, Th, rowClass, troubleRowClass } from '@/components/ui/table';

/** Failed checks first (each group keeps Barman's order), failed rows highlighted. */
export function CheckReportTable({ report, caption }: { report: CheckReportView; caption: string }) {
  const rows = [
    ...report.results.filter((r) => r.status === 'FAILED'),
    ...report.results.filter((r) => r.status !== 'FAILED'),
  ];
  if (!rows.length)
    return <p className="text-sm text-zinc-600 dark:text-zinc-400">This report has no check results.</p>;
  return (
    <Table>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <Th>Check</Th>
          <Th>Status</Th>
          <Th>Hint</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {rows.map((r) => (
          <tr key={r.name} className={r.status === 'FAILED' ? troubleRowClass : rowClass}>
            <Td className="font-mono whitespace-nowrap">{r.name}</Td>
            <Td>{r.status === 'OK' ? <Badge tone="green">OK</Badge> : <Badge tone="red">FAILED</Badge>}</Td>
            <Td>{r.hint ?? <span className="text-zinc-500 dark:text-zinc-400">—</span>}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
