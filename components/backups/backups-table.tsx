import Link from 'next/link';
import type { BackupView } from '@/server/contracts/backups';
import { backupPageHref } from '@/components/api/backup-paths';
import { Table, Td, Th, rowClass, troubleRowClass } from '@/components/ui/table';
import { Bytes, Time } from '@/components/ui/values';
import { RetentionBadge } from '@/components/retention/retention-badge';
import { BackupStatusBadge, KeepBadge, VerifyBadge } from './backup-badges';

const none = <span className="text-zinc-500 dark:text-zinc-400">—</span>;

export function compressionLabel(b: Pick<BackupView, 'compression' | 'compressionLevel'>): string {
  return b.compressionLevel === null ? b.compression : `${b.compression} ${b.compressionLevel}`;
}

/** Barman's list-backups columns; FAILED rows carry their reason, STARTED rows their job. */
export function BackupsTable({ backups }: { backups: BackupView[] }) {
  return (
    <Table>
      <caption className="sr-only">Backups, newest first</caption>
      <thead>
        <tr>
          <Th>Backup id</Th>
          <Th>Name</Th>
          <Th>Status</Th>
          <Th>End time</Th>
          <Th className="text-right">Size</Th>
          <Th className="text-right">Stored</Th>
          <Th className="text-right">WAL</Th>
          <Th>Compression</Th>
          <Th>Keep</Th>
          <Th>Retention</Th>
          <Th>Verify</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {backups.map((b) => (
          <BackupRows key={b.id} backup={b} />
        ))}
      </tbody>
    </Table>
  );
}

const columnCount = 11;

/** A backup's row, and for a FAILED one a second row with the reason, full width so it stays readable. */
function BackupRows({ backup: b }: { backup: BackupView }) {
  const reason = b.status === 'FAILED' && b.error ? b.error : null;
  return (
    <>
      <tr className={`${b.status === 'FAILED' ? troubleRowClass : rowClass} ${reason ? 'border-b-0' : ''}`}>
        <Td className="font-mono whitespace-nowrap">
          <Link
            href={backupPageHref(b.serverName, b.backupId)}
            className="font-semibold text-blue-700 hover:underline dark:text-blue-400"
          >
            {b.backupId}
          </Link>
        </Td>
        <Td className="whitespace-nowrap">
          {b.name ? (
            <span className="block max-w-48 truncate" title={b.name}>
              {b.name}
            </span>
          ) : (
            none
          )}
        </Td>
        <Td>
          <StatusCell backup={b} />
        </Td>
        <Td className="whitespace-nowrap">
          {b.endTime ? <Time iso={b.endTime} absolute /> : b.status === 'STARTED' ? 'in progress' : none}
        </Td>
        <Td className="text-right whitespace-nowrap tabular-nums">
          <Bytes value={b.size} />
        </Td>
        <Td className="text-right whitespace-nowrap tabular-nums">
          <Bytes value={b.storedSize} />
        </Td>
        <Td className="text-right whitespace-nowrap tabular-nums">
          <Bytes value={b.walSize} />
        </Td>
        <Td className="whitespace-nowrap">{compressionLabel(b)}</Td>
        <Td>
          <KeepBadge keep={b.keep} />
        </Td>
        <Td className="whitespace-nowrap">
          <RetentionBadge status={b.retentionStatus} deleting={b.deleting} />
        </Td>
        <Td className="whitespace-nowrap">
          <VerifyBadge status={b.verifyStatus} at={b.verifiedAt} compact />
        </Td>
      </tr>
      {reason ? (
        <tr className={troubleRowClass}>
          <td
            colSpan={columnCount}
            className="px-3 pt-0 pb-2 text-xs break-words text-red-900 dark:text-red-200"
          >
            <span className="font-semibold">Why it failed:</span> {reason}
          </td>
        </tr>
      ) : null}
    </>
  );
}

function StatusCell({ backup: b }: { backup: BackupView }) {
  return (
    <>
      <BackupStatusBadge status={b.status} error={b.error} />
      {b.status === 'STARTED' && b.runId ? (
        <Link
          href={`/jobs/${b.runId}`}
          className="mt-1 block text-xs whitespace-nowrap text-blue-700 hover:underline dark:text-blue-400"
        >
          Open its job
        </Link>
      ) : null}
    </>
  );
}
