import type { CheckReportView } from '@/components/api/types';
import { exactTime } from '@/components/format/format-time';
import { Table, Td, Th, rowClass } from '@/components/ui/table';

const cell = { OK: 'bg-green-500 dark:bg-green-500/80', FAILED: 'bg-red-600 dark:bg-red-500' } as const;

/**
 * Each check across the recent reports, oldest on the left: a flapping check, or one that
 * failed once overnight, shows at a glance. Checks that failed in the window come first.
 */
export function CheckHistory({ reports }: { reports: CheckReportView[] }) {
  const columns = [...reports].reverse();
  const latest = reports[0];
  const names = [...new Set([...(latest?.results.map((r) => r.name) ?? []), ...columns.flatMap((r) => r.results.map((x) => x.name))])];
  const failures = (name: string) => columns.filter((r) => r.results.some((x) => x.name === name && x.status === 'FAILED')).length;
  const rows = names.map((name) => ({ name, failed: failures(name) })).sort((a, b) => Number(b.failed > 0) - Number(a.failed > 0));
  return (
    <Table>
      <caption className="px-3 py-2 text-left text-sm text-zinc-600 dark:text-zinc-400">
        The last {columns.length} reports, oldest on the left; point at a square for its time and hint.
      </caption>
      <thead>
        <tr>
          <Th>Check</Th>
          <Th className="text-right">Failed</Th>
          <Th>
            <span className="sr-only">Results, oldest first</span>
          </Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {rows.map(({ name, failed }) => (
          <tr key={name} className={rowClass}>
            <Td className="font-mono text-xs whitespace-nowrap">{name}</Td>
            <Td className={`text-right tabular-nums ${failed ? 'font-semibold text-red-700 dark:text-red-400' : 'text-zinc-500 dark:text-zinc-400'}`}>
              {failed ? `${failed}×` : '—'}
            </Td>
            <Td>
              <ol className="flex gap-0.5" aria-label={`${name}: ${failed ? `failed in ${failed} of ${columns.length} reports` : `passed in all ${columns.length} reports`}`}>
                {columns.map((report) => {
                  const result = report.results.find((x) => x.name === name);
                  const title = `${exactTime(report.checkedAt)}: ${result ? `${result.status}${result.hint ? ` (${result.hint})` : ''}` : 'not run'}`;
                  return (
                    <li key={report.id} title={title} className={`h-4 w-2.5 rounded-sm ${result ? cell[result.status] : 'bg-zinc-200 dark:bg-zinc-800'}`}>
                      <span className="sr-only">{result?.status ?? 'not run'}</span>
                    </li>
                  );
                })}
              </ol>
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
