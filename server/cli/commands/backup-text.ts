import type { BackupDetailView, BackupListItem, BackupView } from '../../contracts/backups';
import { bytes, duration, facts } from '../output';

// Barman's list-backups line and show-backup sections, as a DBA's scripts and eyes know them.

const typeLetter = (b: BackupView) => (b.type === 'rsync' ? 'R' : 'F');

/** A timestamp in ctime form, as Barman prints end times ("Sun Dec  6 00:35:42 2026"). */
export function ctime(iso: string | null): string {
  if (!iso) return '-';
  const d = new Date(iso);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getDay()];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][
    d.getMonth()
  ];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day} ${month} ${String(d.getDate()).padStart(2)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${d.getFullYear()}`;
}

export function renderBackupList(server: string, backups: BackupListItem[]): string {
  return backups
    .map((b) => {
      const head = `${server} ${b.backupId}${b.name ? ` '${b.name}'` : ''} - ${typeLetter(b)}`;
      if (b.status !== 'DONE' && b.status !== 'WAITING_FOR_WALS') return `${head} - ${b.status}`;
      // Barman's Size counts the WAL needed for consistency with the data.
      const size = `Size: ${bytes((b.size ?? 0) + (b.walSize ?? 0))}`;
      // WAL Size: what was archived after it, up to the next backup. VALID is not printed; a
      // kept backup shows KEEP:… whether or not a policy is set.
      const retention =
        b.retentionStatus && b.retentionStatus !== 'VALID'
          ? b.retentionStatus
          : b.keep
            ? `KEEP:${b.keep.toUpperCase()}`
            : null;
      const tail = [b.status === 'WAITING_FOR_WALS' ? 'WAITING_FOR_WALS' : null, retention].filter(Boolean);
      const wal = `WAL Size: ${bytes(b.walUntilNext?.size ?? 0)}`;
      return [`${head} - ${ctime(b.endTime)} - ${size} - ${wal}`, ...tail].join(' - ');
    })
    .join('\n');
}

export function renderShowBackup(b: BackupDetailView): string {
  const general: [string, string | number | null][] = [
    ['Backup Name', b.name],
    ['Server Name', b.serverName],
    ['System Id', b.systemId],
    ['Status', b.status],
    ['PostgreSQL Version', b.pgVersion],
    ['Estimated Cluster Size', bytes(b.clusterSize)],
  ];
  if (b.status !== 'DONE' && b.status !== 'WAITING_FOR_WALS')
    return facts([[`Backup ${b.backupId}`, [...general, ['Error', b.error]]]]);
  const percent = (ratio: number | null) => (ratio === null ? null : `${(ratio * 100).toFixed(2)}%`);
  return facts([
    [`Backup ${b.backupId}`, general],
    ['Server information', [['Checksums', b.dataChecksums === null ? null : b.dataChecksums ? 'on' : 'off']]],
    [
      'Tablespaces',
      b.tablespaces.length
        ? b.tablespaces.map((t) => [t.name ?? String(t.oid), `${t.location} (oid: ${t.oid})`])
        : [['(none)', '']],
    ],
    [
      'Base backup information',
      [
        ['Backup Method', b.method],
        ['Backup Type', b.type],
        [
          'Backup Size',
          `${bytes(b.size)}${b.standalone && b.walSize ? ` (${bytes((b.size ?? 0) + b.walSize)} with WALs)` : ''}`,
        ],
        [
          'Backup Compression',
          b.compressionLevel === null ? b.compression : `${b.compression} (level ${b.compressionLevel})`,
        ],
        [
          'Stored Size',
          `${bytes(b.storedSize)}${b.compressionRatio === null ? '' : ` (compression ratio ${percent(b.compressionRatio)})`}`,
        ],
        [
          'Resources saved',
          b.dedupSaving
            ? `${bytes(b.dedupSaving)} (${percent(b.dedupRatio)}, ${b.reusedFiles ?? 0} files linked from ${b.reusedFrom ?? '-'})`
            : null,
        ],
        ['Standalone', b.standalone ? 'yes (the WAL needed for consistency is in the backup)' : 'no'],
        ['Timeline', b.timeline],
        ['Begin WAL', b.beginWal],
        ['End WAL', b.endWal],
        ['Number of WALs', b.walCount],
        ['Begin time', b.beginTime],
        ['End time', b.endTime],
        ['Copy time', duration(b.copyMs)],
        ['Estimated throughput', b.throughput === null ? null : `${bytes(b.throughput)}/s`],
        ['Begin LSN', b.beginLsn],
        ['End LSN', b.endLsn],
      ],
    ],
    [
      'Catalog information',
      [
        ['Keep', b.keep ? `KEEP:${b.keep.toUpperCase()}` : 'nokeep'],
        ['Verified', b.verifiedAt ? `${b.verifyStatus ?? '-'} at ${b.verifiedAt}` : 'never'],
        ['Previous Backup', b.previousBackupId ?? '- (this is the oldest base backup)'],
        ['Next Backup', b.nextBackupId ?? '- (this is the latest base backup)'],
      ],
    ],
  ]);
}
