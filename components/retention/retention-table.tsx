import Link from 'next/link';
import type { RetentionBackupView } from '@/server/contracts/retention';
import { backupPageHref } from '@/components/api/backup-paths';
import { Table, Td, Th, rowClass, troubleRowClass } from '@/components/ui/table';
import { Time } from '@/components/ui/values';
import { RetentionBadge } from './retention-badge';

const actions: Record<RetentionBackupView['action'], string> = {
  keep: 'kept',
  delete: 'deleted',
  'resume-delete': 'deletion finished',
};

/** The dry run, newest first: each backup's status under the policy, why, and what applying it does. */
export function RetentionTable({ server, backups }: { server: string; backups: RetentionBackupView[] }) {
  return (
    <Table>
      <caption className="sr-only">Retention preview, newest first</caption>
      <thead>
        <tr>
          <Th>Backup id</Th>
          <Th>Status</Th>
          <Th>End time</Th>
          <Th>Retention</Th>
          <Th>Why</Th>
          <Th>Applying it now</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {backups.map((b) => (
          <tr key={b.backupId} className={b.action === 'keep' ? rowClass : troubleRowClass}>
            <Td className="font-mono whitespace-nowrap">
              <Link
                href={backupPageHref(server, b.backupId)}
                className="font-semibold text-blue-700 hover:underline dark:text-blue-400"
              >
                {b.backupId}
              </Link>
              {b.name ? <span className="ml-1 text-xs text-zinc-500">({b.name})</span> : null}
            </Td>
            <Td className="whitespace-nowrap">{b.status}</Td>
            <Td className="whitespace-nowrap">
              <Time iso={b.endTime} absolute />
            </Td>
            <Td>
              <RetentionBadge
                status={b.retentionStatus}
                deleting={b.action === 'resume-delete'}
                reason={b.reason}
              />
            </Td>
            <Td className="text-xs">{b.reason}</Td>
            <Td
              className={`whitespace-nowrap ${b.action === 'keep' ? '' : 'font-semibold text-red-800 dark:text-red-300'}`}
            >
              {actions[b.action]}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
