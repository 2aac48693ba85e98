'use client';

import type { ServerLiveStatus } from '@/server/contracts/server-status';
import { useServerLiveStatus } from '@/components/api/use-server-status';
import { describeError } from '@/components/api/describe-error';
import { formatPgVersion } from '@/components/format/format-backup';
import { Badge } from '@/components/ui/badge';
import { Fact, FactGroup, missing } from '@/components/ui/facts';
import { Loading } from '@/components/ui/feedback';
import { Bytes, Lsn, Time } from '@/components/ui/values';

/** Barman's `status`, the lines only PostgreSQL can answer, asked now and apart from the catalog. */
export function LiveStatus({ name }: { name: string }) {
  const live = useServerLiveStatus(name);
  if (live.data) return <LiveFacts live={live.data} refreshing={live.isFetching} />;
  return (
    <FactGroup title="PostgreSQL now">
      {live.error ? <Unreachable error={live.error} retry={() => void live.refetch()} busy={live.isFetching} /> : <Loading label="Asking PostgreSQL…" />}
    </FactGroup>
  );
}

function Unreachable({ error, retry, busy }: { error: unknown; retry: () => void; busy: boolean }) {
  const { message } = describeError(error);
  return (
    <div role="alert" className="py-1 text-sm">
      <p className="font-semibold text-red-800 dark:text-red-300">PostgreSQL did not answer.</p>
      <p className="mt-1">{message}</p>
      <p className="mt-1 text-zinc-600 dark:text-zinc-400">
        The catalog facts beside this stay current. Check the conninfo and the password in Settings, and run the checks to see which part fails.
      </p>
      <button type="button" onClick={retry} disabled={busy} className="mt-2 text-sm font-medium text-blue-700 underline disabled:opacity-60 dark:text-blue-400">
        {busy ? 'Asking again…' : 'Ask again'}
      </button>
    </div>
  );
}

function LiveFacts({ live: l, refreshing }: { live: ServerLiveStatus; refreshing: boolean }) {
  const a = l.archiver;
  return (
    <FactGroup title={refreshing ? 'PostgreSQL now (refreshing…)' : 'PostgreSQL now'}>
      <Fact label="PostgreSQL version">
        <span title={l.versionText}>{formatPgVersion(l.versionNum)}</span>
      </Fact>
      <Fact label="Cluster state">{l.inRecovery ? <Badge tone="amber">in archive recovery</Badge> : 'in production'}</Fact>
      <Fact label="System id">{l.systemId ? <code className="text-xs select-all">{l.systemId}</code> : missing}</Fact>
      <Fact label="Started">
        <Time iso={l.startedAt} />
      </Fact>
      <Fact label="Data directory">{l.dataDirectory ? <code className="text-xs select-all">{l.dataDirectory}</code> : <span title="Needs pg_read_all_settings">not readable by this role</span>}</Fact>
      <Fact label="Current data size">
        <Bytes value={l.dataSize} />
      </Fact>
      <Fact label="Current WAL">
        <Lsn value={l.currentLsn} />
        {l.currentWal ? (
          <span className="text-zinc-600 dark:text-zinc-400">
            {' '}
            in <code className="text-xs select-all">{l.currentWal}</code>
          </span>
        ) : null}
      </Fact>
      <Fact label="wal_level">{l.walLevel ?? missing}</Fact>
      <Fact label="archive_mode / command">
        {l.archiveMode ?? '?'}
        {l.archiveCommand ? (
          <code className="mt-0.5 block text-xs break-all" title={l.archiveCommand}>
            {l.archiveCommand}
          </code>
        ) : null}
      </Fact>
      <Fact label="Last archived (server)">
        {a?.lastArchivedWal ? (
          <>
            <code className="text-xs">{a.lastArchivedWal}</code> <Time iso={a.lastArchivedTime} />
          </>
        ) : (
          missing
        )}
      </Fact>
      <Fact label="Archiver failures">
        {a ? (
          a.failedCount ? (
            <span className="text-red-700 dark:text-red-400">
              {a.failedCount}, last {a.lastFailedWal} <Time iso={a.lastFailedTime} />
            </span>
          ) : (
            'none'
          )
        ) : (
          missing
        )}
      </Fact>
      {l.slot ? (
        <Fact label={`Slot ${l.slot.name}`}>
          {l.slot.walStatus === 'missing' ? (
            <span className="text-red-700 dark:text-red-400">does not exist</span>
          ) : (
            <>
              {l.slot.active ? 'active' : <span className="text-red-700 dark:text-red-400">not active</span>}, restart <Lsn value={l.slot.restartLsn} />, holds{' '}
              <Bytes value={l.slot.retainedBytes} />
            </>
          )}
        </Fact>
      ) : null}
      <Fact label="Asked">
        <Time iso={l.checkedAt} />
      </Fact>
    </FactGroup>
  );
}
