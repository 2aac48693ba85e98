import Link from 'next/link';
import type { BackupDetailView } from '@/server/contracts/backups';
import { backupPageHref } from '@/components/api/backup-paths';
import { formatCount } from '@/components/format/format-bytes';
import { formatPercent, formatPgVersion, formatThroughput } from '@/components/format/format-backup';
import { Fact, FactGroup, missing } from '@/components/ui/facts';
import { Bytes, Duration, Lsn, Time } from '@/components/ui/values';
import { RetentionBadge } from '@/components/retention/retention-badge';
import { BackupStatusBadge, KeepBadge, VerifyBadge } from './backup-badges';
import { compressionLabel } from './backups-table';

const linkClass = 'font-mono text-blue-700 hover:underline dark:text-blue-400';

function Mono({ value }: { value: string | number | null }) {
  return value === null ? missing : <code className="text-xs select-all">{value}</code>;
}

function Count({ value }: { value: number | null }) {
  return value === null ? missing : <span className="tabular-nums">{formatCount(value)}</span>;
}

function Ratio({ value, suffix }: { value: number | null; suffix: string }) {
  if (value === null) return missing;
  return (
    <span title={`exact ratio ${value}`}>
      {formatPercent(value)} {suffix}
    </span>
  );
}

export function ServerInformation({ backup: b }: { backup: BackupDetailView }) {
  return (
    <FactGroup title="Server information">
      <Fact label="Server">
        <Link href={`/servers/${b.serverName}`} className="text-blue-700 hover:underline dark:text-blue-400">
          {b.serverName}
        </Link>
      </Fact>
      <Fact label="Status">
        <BackupStatusBadge status={b.status} error={b.error} />
      </Fact>
      <Fact label="System id">
        <Mono value={b.systemId} />
      </Fact>
      <Fact label="PostgreSQL version">
        {b.pgVersion === null ? (
          missing
        ) : (
          <span title={String(b.pgVersion)}>{formatPgVersion(b.pgVersion)}</span>
        )}
      </Fact>
      <Fact label="Data checksums">
        {b.dataChecksums === null ? missing : b.dataChecksums ? 'on' : 'off'}
      </Fact>
      <Fact label="Cluster size (estimate)">
        <Bytes value={b.clusterSize} />
      </Fact>
    </FactGroup>
  );
}

export function CatalogInformation({ backup: b }: { backup: BackupDetailView }) {
  const neighbour = (id: string | null, none: string) =>
    id ? (
      <Link href={backupPageHref(b.serverName, id)} className={linkClass}>
        {id}
      </Link>
    ) : (
      <span className="text-zinc-600 dark:text-zinc-400">— ({none})</span>
    );
  return (
    <FactGroup title="Catalog information">
      <Fact label="Backup id">
        <Mono value={b.backupId} />
      </Fact>
      <Fact label="Name">{b.name ?? missing}</Fact>
      <Fact label="Previous backup">{neighbour(b.previousBackupId, 'this is the oldest backup')}</Fact>
      <Fact label="Next backup">{neighbour(b.nextBackupId, 'this is the latest backup')}</Fact>
      <Fact label="Keep">{b.keep ? <KeepBadge keep={b.keep} /> : 'not kept'}</Fact>
      <Fact label="Retention policy">
        <RetentionBadge status={b.retentionStatus} deleting={b.deleting} />
      </Fact>
      <Fact label="Verification">
        <VerifyBadge status={b.verifyStatus} at={b.verifiedAt} />
        {b.verifiedAt ? (
          <span className="ml-2 text-zinc-600 dark:text-zinc-400">
            <Time iso={b.verifiedAt} />
          </span>
        ) : null}
      </Fact>
      <Fact label="Taken by job">
        {b.runId ? (
          <Link href={`/jobs/${b.runId}`} className="text-blue-700 hover:underline dark:text-blue-400">
            open the job
          </Link>
        ) : (
          missing
        )}
      </Fact>
      <Fact label="Registered">
        <Time iso={b.createdAt} absolute />
      </Fact>
    </FactGroup>
  );
}

export function BaseBackupInformation({ backup: b }: { backup: BackupDetailView }) {
  return (
    <FactGroup title="Base backup information" columns={2}>
      <Fact label="Backup method">{b.method}</Fact>
      <Fact label="Backup type">{b.type}</Fact>
      <Fact label="Checkpoint">{b.checkpoint ?? missing}</Fact>
      <Fact label="Compression">{compressionLabel(b)}</Fact>
      <Fact label="Standalone">{b.standalone ? 'yes (WAL for consistency included)' : 'no'}</Fact>
      <Fact label="Backup size">
        <Bytes value={b.size} />
        {b.size !== null && b.walSize !== null ? (
          <>
            {' '}
            (<Bytes value={b.size + b.walSize} /> with WALs)
          </>
        ) : null}
      </Fact>
      <Fact label="Stored size">
        <Bytes value={b.storedSize} />
      </Fact>
      <Fact label="Compression ratio">
        <Ratio value={b.compressionRatio} suffix="of the copied size" />
      </Fact>
      <Fact label="Added to repository">
        <Bytes value={b.deduplicatedSize} />
      </Fact>
      <Fact label="Dedup saving">
        {b.dedupSaving === null ? (
          missing
        ) : (
          <>
            <Bytes value={b.dedupSaving} /> (<Ratio value={b.dedupRatio} suffix="of the stored size" />)
          </>
        )}
      </Fact>
      <Fact label="Reused from">
        {b.reusedFrom ? (
          <Link href={backupPageHref(b.serverName, b.reusedFrom)} className={linkClass}>
            {b.reusedFrom}
          </Link>
        ) : (
          missing
        )}
      </Fact>
      <Fact label="Reused files">
        <Count value={b.reusedFiles} />
      </Fact>
      <Fact label="Files">
        <Count value={b.fileCount} />
      </Fact>
      <Fact label="Timeline">
        <Count value={b.timeline} />
      </Fact>
      <Fact label="Begin WAL">
        <Mono value={b.beginWal} />
      </Fact>
      <Fact label="End WAL">
        <Mono value={b.endWal} />
      </Fact>
      <Fact label="WAL number">
        <Count value={b.walCount} />
      </Fact>
      <Fact label="WAL size">
        <Bytes value={b.walSize} />
        {b.walSegmentSize !== null ? (
          <span className="text-zinc-600 dark:text-zinc-400">
            {' '}
            (segments of <Bytes value={b.walSegmentSize} />)
          </span>
        ) : null}
      </Fact>
      <Fact label="Begin LSN">
        <Lsn value={b.beginLsn} timeline={b.timeline} />
      </Fact>
      <Fact label="End LSN">
        <Lsn value={b.endLsn} timeline={b.timeline} />
      </Fact>
      <Fact label="Begin time">
        <Time iso={b.beginTime} absolute seconds />
      </Fact>
      <Fact label="End time">
        <Time iso={b.endTime} absolute seconds />
      </Fact>
      <Fact label="Copy time">
        <Duration ms={b.copyMs} />
      </Fact>
      <Fact label="Throughput">
        {b.throughput === null ? (
          missing
        ) : (
          <span title={`${Math.round(b.throughput).toLocaleString('en')} bytes/s`}>
            {formatThroughput(b.throughput)}
          </span>
        )}
      </Fact>
    </FactGroup>
  );
}
