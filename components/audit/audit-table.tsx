import type { AuditEventView } from '@/components/api/types';
import { Badge, type Tone } from '@/components/ui/badge';
import { Table, Td, Th, rowClass } from '@/components/ui/table';
import { Time } from '@/components/ui/values';

const outcomeTones: Record<AuditEventView['outcome'], Tone> = {
  success: 'green',
  failure: 'red',
  denied: 'amber',
};

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "server pg1", "backup pg1/2026…"; a user or run id shortened (the whole id on hover). */
function Target({ event: e }: { event: AuditEventView }) {
  if (!e.targetType && !e.targetId) return <span className="text-zinc-500 dark:text-zinc-400">—</span>;
  const id = e.targetId ?? '';
  return (
    <span title={id || undefined}>
      {e.targetType} {uuid.test(id) ? <code className="text-xs">{id.slice(0, 8)}…</code> : id}
    </span>
  );
}

export function AuditTable({ events }: { events: AuditEventView[] }) {
  return (
    <Table>
      <caption className="sr-only">Audit events, newest first</caption>
      <thead>
        <tr>
          <Th>Time</Th>
          <Th>Actor</Th>
          <Th>Action</Th>
          <Th>Target</Th>
          <Th>Outcome</Th>
          <Th>Address</Th>
          <Th>Details</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
        {events.map((e) => (
          <tr key={String(e.id)} className={rowClass}>
            <Td className="whitespace-nowrap">
              <Time iso={e.at} absolute seconds />
            </Td>
            <Td>
              {e.actorName} <span className="text-xs text-zinc-500 dark:text-zinc-400">({e.actorType})</span>
            </Td>
            <Td className="font-mono text-xs whitespace-nowrap">{e.action}</Td>
            <Td className="break-all">
              <Target event={e} />
            </Td>
            <Td>
              <Badge tone={outcomeTones[e.outcome]}>{e.outcome}</Badge>
            </Td>
            <Td className="text-xs" title={e.userAgent ?? undefined}>
              {e.ip ?? '—'}
            </Td>
            <Td>
              <EventDetails event={e} />
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function EventDetails({ event }: { event: AuditEventView }) {
  const hasDetails = event.details !== null && event.details !== undefined;
  if (!hasDetails && !event.requestId && !event.userAgent)
    return <span className="text-zinc-500 dark:text-zinc-400">—</span>;
  return (
    <details>
      <summary className="cursor-pointer text-sm text-blue-700 dark:text-blue-400">Show</summary>
      <div className="mt-1 space-y-1 text-xs">
        {event.requestId ? (
          <p>
            Request id: <code className="select-all">{event.requestId}</code>
          </p>
        ) : null}
        {event.userAgent ? <p className="break-all">User agent: {event.userAgent}</p> : null}
        {hasDetails ? (
          <pre className="max-w-md overflow-auto rounded bg-zinc-100 p-2 dark:bg-zinc-900">
            {JSON.stringify(event.details, null, 2)}
          </pre>
        ) : null}
      </div>
    </details>
  );
}
