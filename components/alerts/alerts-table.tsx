'use client';

import Link from 'next/link';
import type { AlertView } from '@/server/contracts/alerts';
import { Button } from '@/components/ui/button';
import { Table, Td, Th, rowClass } from '@/components/ui/table';
import { Time } from '@/components/ui/values';
import { SeverityBadge } from './severity-badge';

export function AlertsTable({ alerts, label, canAcknowledge, onAcknowledge }: { alerts: AlertView[]; label: string; canAcknowledge: boolean; onAcknowledge: (alert: AlertView) => void }) {
  return (
    <Table aria-label={label}>
      <thead>
        <tr>
          <Th>Severity</Th>
          <Th>Alert</Th>
          <Th>Server</Th>
          <Th>Opened</Th>
          <Th>State</Th>
          <Th>
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {alerts.map((a) => (
          <tr key={a.id} className={rowClass}>
            <Td>
              <SeverityBadge severity={a.severity} />
            </Td>
            <Td className="max-w-xl">
              <p className="font-medium">{a.title}</p>
              <p className="text-zinc-600 dark:text-zinc-400">{a.summary}</p>
              {a.ackComment ? (
                <p className="mt-1 text-sm">
                  <span className="font-medium">Acknowledged by {a.acknowledgedBy}</span> <Time iso={a.acknowledgedAt} />: “{a.ackComment}”
                </p>
              ) : null}
            </Td>
            <Td>{a.serverName ? <Link className="underline" href={`/servers/${a.serverName}`}>{a.serverName}</Link> : '—'}</Td>
            <Td className="whitespace-nowrap">
              <Time iso={a.openedAt} />
            </Td>
            <Td className="whitespace-nowrap">
              {a.resolvedAt ? (
                <span>
                  resolved <Time iso={a.resolvedAt} />
                  <span className="block text-xs text-zinc-600 dark:text-zinc-400">{a.resolution}</span>
                </span>
              ) : a.acknowledgedAt ? (
                'acknowledged'
              ) : (
                <span>
                  open, seen <Time iso={a.lastSeenAt} />
                </span>
              )}
            </Td>
            <Td>
              {canAcknowledge && !a.resolvedAt && !a.acknowledgedAt ? (
                <Button size="sm" onClick={() => onAcknowledge(a)} aria-label={`Acknowledge ${a.title}`}>
                  Acknowledge
                </Button>
              ) : null}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
