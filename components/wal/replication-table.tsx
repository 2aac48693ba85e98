'use client';

import { useReplicationStatus } from '@/components/api/use-wal';
import { describeError } from '@/components/api/describe-error';
import { formatDuration } from '@/components/format/format-duration';
import { Loading } from '@/components/ui/feedback';
import { Table, Td, Th, rowClass } from '@/components/ui/table';
import { Bytes, Lsn } from '@/components/ui/values';

/** Barman's replication-status: who the server streams WAL to now, and how far behind they are. */
export function ReplicationTable({ name }: { name: string }) {
  const status = useReplicationStatus(name);
  if (status.isPending) return <Loading label="Asking PostgreSQL for its WAL senders…" />;
  if (status.error)
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        PostgreSQL did not answer ({describeError(status.error).message}); the archive above is the catalog&apos;s and stays current.
      </p>
    );
  const s = status.data;
  if (!s.clients.length)
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        No standby or WAL receiver is connected{s.inRecovery ? ' (the server is itself in recovery)' : ''}. Current position <Lsn value={s.currentLsn} />.
      </p>
    );
  return (
    <Table>
      <caption className="sr-only">WAL senders of the server</caption>
      <thead>
        <tr>
          <Th>Application</Th>
          <Th>Client</Th>
          <Th>State</Th>
          <Th>Sent</Th>
          <Th>Flushed</Th>
          <Th className="text-right">Behind (flush)</Th>
          <Th>Slot</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {s.clients.map((c) => (
          <tr key={`${c.applicationName}-${c.backendStart ?? ''}`} className={rowClass}>
            <Td>{c.applicationName || '—'}</Td>
            <Td>{c.clientAddress ?? 'local'}</Td>
            <Td>
              {c.state} ({c.syncState})
            </Td>
            <Td>
              <Lsn value={c.sentLsn} />
            </Td>
            <Td>
              <Lsn value={c.flushLsn} />
            </Td>
            <Td className="text-right">
              <Bytes value={c.flushLag} />
              {c.flushLagSeconds !== null ? <span className="block text-xs text-zinc-600 dark:text-zinc-400">{formatDuration(c.flushLagSeconds * 1000)}</span> : null}
            </Td>
            <Td>{c.slotName ?? '—'}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
