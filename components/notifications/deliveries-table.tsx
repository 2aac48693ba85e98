'use client';

import { useDeliveries } from '@/components/api/use-notifications';
import { SeverityBadge } from '@/components/alerts/severity-badge';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/feedback';
import { QueryView } from '@/components/ui/query-view';
import { Table, Td, Th, rowClass } from '@/components/ui/table';
import { Time } from '@/components/ui/values';

/** The outbox: what went out, what waits (and until when), what was given up and why. */
export function DeliveriesTable() {
  const deliveries = useDeliveries();
  return (
    <QueryView query={deliveries} loading="Loading deliveries…" errorTitle="The deliveries could not be loaded.">
      {(list) =>
        list.length ? (
          <Table aria-label="Recent notifications">
            <thead>
              <tr>
                <Th>Channel</Th>
                <Th>Event</Th>
                <Th>Alert</Th>
                <Th>Status</Th>
                <Th>Attempts</Th>
                <Th>When</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {list.map((d) => (
                <tr key={d.id} className={rowClass}>
                  <Td>{d.channelName}</Td>
                  <Td>{d.event}</Td>
                  <Td>
                    <SeverityBadge severity={d.severity} /> {d.alertTitle}
                  </Td>
                  <Td>
                    <Badge tone={d.status === 'sent' ? 'green' : d.status === 'failed' ? 'red' : 'amber'}>{d.status}</Badge>
                    {d.lastError ? <span className="block max-w-md text-xs text-red-800 dark:text-red-300">{d.lastError}</span> : null}
                  </Td>
                  <Td>{d.attempts}</Td>
                  <Td className="whitespace-nowrap">
                    {d.sentAt ? (
                      <>
                        sent <Time iso={d.sentAt} />
                      </>
                    ) : d.status === 'pending' ? (
                      <>
                        due <Time iso={d.nextAttemptAt} />
                      </>
                    ) : (
                      <Time iso={d.createdAt} />
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <EmptyState title="Nothing sent yet">
            <p>Notifications appear here as alerts open and resolve.</p>
          </EmptyState>
        )
      }
    </QueryView>
  );
}
