import type { FleetServerView } from '@/server/contracts/fleet';
import { Table, Td, Th } from '@/components/ui/table';
import { BackupCell, BackupCountCell, HealthCell, ServerCell, StorageCell, WalCell } from './fleet-cells';
import { healthEdgeClass, healthRowClass } from './health-badge';

/**
 * One row per server, in the order the API gives (trouble first). Columns are components, so a
 * later feature (alerts, the recoverable window) adds a cell here and nothing else moves.
 */
export function FleetTable({ servers }: { servers: readonly FleetServerView[] }) {
  return (
    <Table>
      <caption className="sr-only">Servers, those in trouble first</caption>
      <thead>
        <tr>
          <Th>Server</Th>
          <Th>Health</Th>
          <Th title="Age of the newest backup that can be restored, against last_backup_maximum_age">Last backup</Th>
          <Th title="Age of the newest archived WAL segment: the recovery point as far as the catalog knows, against last_wal_maximum_age">
            Last WAL (RPO)
          </Th>
          <Th className="text-right" title="Backups that can be restored">Backups</Th>
          <Th className="text-right" title="Repository space: what the backups added after hard links, plus the stored WAL">Storage</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {servers.map((s) => (
          <tr key={s.id} className={healthRowClass[s.health]} data-health={s.health}>
            <Td className={healthEdgeClass[s.health]}>
              <ServerCell server={s} />
            </Td>
            <Td>
              <HealthCell server={s} />
            </Td>
            <Td>
              <BackupCell server={s} />
            </Td>
            <Td>
              <WalCell server={s} />
            </Td>
            <Td>
              <BackupCountCell server={s} />
            </Td>
            <Td>
              <StorageCell server={s} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
