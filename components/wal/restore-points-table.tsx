import type { RestorePointView } from '@/server/contracts/wal';
import { Table, Td, Th, rowClass } from '@/components/ui/table';
import { Lsn, Time } from '@/components/ui/values';

export function RestorePointsTable({ points }: { points: RestorePointView[] }) {
  if (!points.length) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No restore point in this window.</p>;
  return (
    <Table>
      <caption className="sr-only">Restore points in the window, newest first</caption>
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Time</Th>
          <Th>LSN</Th>
          <Th>Timeline</Th>
          <Th>Segment</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {[...points].reverse().map((p) => (
          <tr key={`${p.timeline}-${p.lsn}`} className={rowClass}>
            <Td className="font-medium">{p.name}</Td>
            <Td className="whitespace-nowrap">
              <Time iso={p.time} absolute seconds />
            </Td>
            <Td>
              <Lsn value={p.lsn} timeline={p.timeline} />
            </Td>
            <Td>{p.timeline}</Td>
            <Td className="font-mono text-xs">{p.segment}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
