import Link from 'next/link';
import type { BackupListItem, BackupSortKey, BackupView } from '@/server/contracts/backups';
import { backupPageHref } from '@/components/api/backup-paths';
import { formatCount } from '@/components/format/format-bytes';
import { SortHeader, type SortState } from '@/components/ui/sort-header';
import { Table, Td, Th, rowClass, troubleRowClass } from '@/components/ui/table';
import { Bytes, Duration, Time } from '@/components/ui/values';
import { RetentionBadge } from '@/components/retention/retention-badge';
import { BackupStatusBadge, KeepBadge, VerifyBadge } from './backup-badges';

const none = <span className="text-zinc-500 dark:text-zinc-400">—</span>;

export function compressionLabel(b: Pick<BackupView, 'compression' | 'compressionLevel'>): string {
  return b.compressionLevel === null ? b.compression : `${b.compression} ${b.compressionLevel}`;
}

export type BackupSort = SortState<BackupSortKey>;

const sortNames: Record<BackupSortKey, string> = {
  backupId: 'start time',
  endTime: 'end time',
  size: 'size',
  storedSize: 'stored size',
  deduplicatedSize: 'space added',
};

/** The caption says how the rows are ordered (screen readers and the specs read it). */
export function backupsCaption(sort: BackupSort | null): string {
  if (!sort || (sort.key === 'backupId' && sort.order === 'desc')) return 'Backups, newest first';
  return `Backups by ${sortNames[sort.key]}, ${sort.order === 'desc' ? 'largest or latest first' : 'smallest or earliest first'}`;
}

/**
 * Barman's list-backups columns plus what a DBA asks next (duration, what each added to the
 * repository, WAL archived after it); FAILED rows carry their reason, STARTED rows their job.
 * With `onSort` the headers sort (on the server); without, the table is a plain list.
 */
export function BackupsTable({ backups, sort = null, onSort }: { backups: BackupListItem[]; sort?: BackupSort | null; onSort?: (next: BackupSort) => void }) {
  const head = (key: BackupSortKey, label: string, className = '', title?: string) =>
    sort && onSort ? (
      <SortHeader column={key} sort={sort} onSort={onSort} className={className} title={title}>
        {label}
      </SortHeader>
    ) : (
      <Th className={className} title={title}>
        {label}
      </Th>
    );
  return (
    <Table>
      <caption className="sr-only">{backupsCaption(sort)}</caption>
      <thead>
        <tr>
          {head('backupId', 'Backup id', '', 'The UTC time the backup began')}
          <Th>Name</Th>
          <Th>Status</Th>
          {head('endTime', 'Ended')}
          {head('size', 'Size', 'text-right', 'Data directory and tablespaces copied, uncompressed')}
          {head('storedSize', 'Stored', 'text-right', 'On disk after compression; below, what it added after hard links to the previous backup')}
          <Th className="text-right" title="WAL archived after this backup, up to the next one (Barman's WAL Size)">
            WAL after
          </Th>
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

const columnCount = 10;

/** A backup's row, and for a FAILED one a second row with the reason, full width so it stays readable. */
function BackupRows({ backup: b }: { backup: BackupListItem }) {
  const reason = b.status === 'FAILED' && b.error ? b.error : null;
  const took = b.beginTime && b.endTime ? Date.parse(b.endTime) - Date.parse(b.beginTime) : null;
  return (
    <>
      <tr className={`${b.status === 'FAILED' ? troubleRowClass : rowClass} ${reason ? 'border-b-0' : ''}`}>
        <Td className="font-mono whitespace-nowrap">
          <Link href={backupPageHref(b.serverName, b.backupId)} className="font-semibold text-blue-700 hover:underline dark:text-blue-400">
            {b.backupId}
          </Link>
          <span className="block font-sans text-xs text-zinc-600 dark:text-zinc-400">
            {b.type}, {compressionLabel(b)}
          </span>
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
          {took !== null ? (
            <span className="block text-xs text-zinc-600 dark:text-zinc-400">
              took <Duration ms={took} />
            </span>
          ) : null}
        </Td>
        <Td className="text-right whitespace-nowrap tabular-nums">
          <Bytes value={b.size} />
        </Td>
        <Td className="text-right whitespace-nowrap tabular-nums">
          <Bytes value={b.storedSize} />
          {b.deduplicatedSize !== null && b.storedSize !== null && b.deduplicatedSize < b.storedSize ? (
            <span className="block text-xs text-zinc-600 dark:text-zinc-400">
              added <Bytes value={b.deduplicatedSize} />
            </span>
          ) : null}
        </Td>
        <Td className="text-right whitespace-nowrap tabular-nums">
          {b.walUntilNext ? (
            <span title={`${formatCount(b.walUntilNext.segments)} segments`}>
              <Bytes value={b.walUntilNext.size} />
            </span>
          ) : (
            none
          )}
        </Td>
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
          <td colSpan={columnCount} className="px-3 pt-0 pb-2 text-xs break-words text-red-900 dark:text-red-200">
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
        <Link href={`/jobs/${b.runId}`} className="mt-1 block text-xs whitespace-nowrap text-blue-700 hover:underline dark:text-blue-400">
          Open its job
        </Link>
      ) : null}
    </>
  );
}
