import Link from 'next/link';
import type { ServerSummary } from '@/components/api/types';
import { Badge } from '@/components/ui/badge';
import { Table, Td, Th, rowClass, troubleRowClass } from '@/components/ui/table';
import { HealthCell } from './health-badge';
import { sortFleet, troubleRank } from './sort-fleet';

const methodLabels = { postgres: 'postgres (streaming)', ssh: 'ssh (file copy)' } as const;

export function FleetTable({ servers }: { servers: readonly ServerSummary[] }) {
  return (
    <Table>
      <caption className="sr-only">Servers, those in trouble first</caption>
      <thead>
        <tr>
          <Th>Server</Th>
          <Th>Health</Th>
          <Th>Description</Th>
          <Th>Backup method</Th>
          <Th>State</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {sortFleet(servers).map((s) => (
          <tr key={s.id} className={troubleRank(s) === 0 ? troubleRowClass : rowClass}>
            <Td>
              <Link
                href={`/servers/${s.name}`}
                className="font-semibold text-blue-700 hover:underline dark:text-blue-400"
              >
                {s.name}
              </Link>
            </Td>
            <Td>
              <HealthCell lastCheck={s.lastCheck} />
            </Td>
            <Td className="max-w-md">
              {s.description || <span className="text-zinc-500 dark:text-zinc-400">—</span>}
            </Td>
            <Td className="whitespace-nowrap">{methodLabels[s.backupMethod]}</Td>
            <Td>{s.enabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="gray">Disabled</Badge>}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
