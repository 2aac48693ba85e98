import type { TablespaceView } from '@/server/contracts/backups';
import { Table, Td, Th, rowClass } from '@/components/ui/table';
import { Bytes } from '@/components/ui/values';

export function TablespacesTable({ tablespaces }: { tablespaces: TablespaceView[] }) {
  if (!tablespaces.length)
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        None besides pg_default and pg_global, which live in the data directory.
      </p>
    );
  return (
    <Table>
      <caption className="sr-only">Tablespaces in this backup</caption>
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>OID</Th>
          <Th>Location</Th>
          <Th className="text-right">Size</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {tablespaces.map((t) => (
          <tr key={t.oid} className={rowClass}>
            <Td>{t.name ?? <span className="text-zinc-500 dark:text-zinc-400">unknown</span>}</Td>
            <Td className="font-mono tabular-nums">{t.oid}</Td>
            <Td className="font-mono break-all">{t.location}</Td>
            <Td className="text-right whitespace-nowrap tabular-nums">
              <Bytes value={t.size} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
