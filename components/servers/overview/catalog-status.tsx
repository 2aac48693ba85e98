import Link from 'next/link';
import type { ServerCatalogStatus } from '@/server/contracts/server-status';
import { backupPageHref } from '@/components/api/backup-paths';
import { Badge } from '@/components/ui/badge';
import { Fact, FactGroup, missing } from '@/components/ui/facts';
import { Age, Bytes, Count, Time } from '@/components/ui/values';

const link = 'font-mono text-blue-700 hover:underline dark:text-blue-400';

function BackupRef({ server, point }: { server: string; point: ServerCatalogStatus['backups']['first'] }) {
  if (!point) return missing;
  return (
    <>
      <Link href={backupPageHref(server, point.backupId)} className={link}>
        {point.backupId}
      </Link>
      {point.endTime ? (
        <span className="text-zinc-600 dark:text-zinc-400">
          {' '}
          (ended <Time iso={point.endTime} />)
        </span>
      ) : null}
    </>
  );
}

/** Barman's `status`, the lines the catalog answers: backups, redundancy, the WAL archive. */
export function CatalogStatus({ status: s }: { status: ServerCatalogStatus }) {
  const wal = s.wal;
  return (
    <FactGroup title="Catalog">
      <Fact label="Active">{s.active ? 'yes' : <Badge tone="gray">disabled</Badge>}</Fact>
      <Fact label="Available backups">
        <Count value={s.backups.available} />
        {s.backups.failed ? <span className="text-red-700 dark:text-red-400"> ({s.backups.failed} failed)</span> : null}
      </Fact>
      <Fact label="First available backup">
        <BackupRef server={s.serverName} point={s.backups.first} />
      </Fact>
      <Fact label="Last available backup">
        <BackupRef server={s.serverName} point={s.backups.last} />
      </Fact>
      <Fact label="Minimum redundancy">
        {s.redundancy.satisfied ? 'satisfied' : <span className="font-semibold text-red-700 dark:text-red-400">FAILED</span>} ({s.redundancy.available}/
        {s.redundancy.minimum})
      </Fact>
      <Fact label="Retention policy">{s.retentionPolicy ?? 'none set (every backup is kept)'}</Fact>
      <Fact label="Backups in the repository">
        <Bytes value={s.backups.storedSize} />
      </Fact>
      <Fact label="Last archived WAL">
        {wal.lastArchived ? (
          <>
            <code className="text-xs select-all">{wal.lastArchived.name}</code>{' '}
            <span className="text-zinc-600 dark:text-zinc-400">
              (<Age iso={wal.lastArchived.archivedAt} /> ago, {wal.lastArchived.source})
            </span>
          </>
        ) : (
          missing
        )}
      </Fact>
      <Fact label="WAL archiving rate">
        {wal.lastHour} in the last hour, {wal.lastDay} in the last 24 hours ({(wal.lastDay / 24).toFixed(1)}/hour)
      </Fact>
      <Fact label="WAL archive">
        <Count value={wal.segments} /> segments on {wal.timelines.length ? `timeline${wal.timelines.length > 1 ? 's' : ''} ${wal.timelines.join(', ')}` : 'no timeline yet'},{' '}
        <Bytes value={wal.storedSize} /> stored (<Bytes value={wal.size} /> of WAL)
      </Fact>
      <Fact label="Missing WAL segments">
        {wal.missingSegments ? <span className="font-semibold text-red-700 dark:text-red-400"><Count value={wal.missingSegments} /></span> : 'none'}
      </Fact>
      <Fact label="Restore points">
        <Count value={wal.restorePoints} />
      </Fact>
    </FactGroup>
  );
}
