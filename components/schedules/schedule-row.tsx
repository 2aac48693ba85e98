'use client';

import Link from 'next/link';
import { useState } from 'react';
import type { FiringView, ScheduleView } from '@/server/contracts/schedules';
import { useDeleteSchedule, useUpdateSchedule } from '@/components/api/use-schedules';
import { Badge, type Tone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorNotice } from '@/components/ui/feedback';
import { Td, rowClass } from '@/components/ui/table';
import { Time } from '@/components/ui/values';
import { ScheduleForm, formValuesOf, toScheduleInput } from './schedule-form';

const outcomeTones: Record<FiringView['outcome'], Tone> = {
  started: 'green',
  skipped: 'amber',
  missed: 'red',
  failed: 'red',
};
const runTones: Record<string, Tone> = {
  succeeded: 'green',
  failed: 'red',
  cancelled: 'gray',
  running: 'blue',
  queued: 'blue',
};

/** One schedule; an operator edits it in place, switches it off or deletes it. */
export function ScheduleRow({
  server,
  schedule: s,
  canEdit,
}: {
  server: string;
  schedule: ScheduleView;
  canEdit: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const update = useUpdateSchedule(server, s.id);
  const remove = useDeleteSchedule(server, s.id);
  const columns = canEdit ? 7 : 6;
  if (editing)
    return (
      <tr className={rowClass}>
        <td colSpan={columns} className="p-3">
          <ScheduleForm
            initial={formValuesOf(s)}
            kindFixed
            submitLabel="Save schedule"
            busy={update.isPending}
            error={update.error}
            onSubmit={(values) => {
              const { kind: _kind, ...changes } = toScheduleInput(values);
              update.mutate(changes, { onSuccess: () => setEditing(false) });
            }}
            onCancel={() => {
              setEditing(false);
              update.reset();
            }}
          />
        </td>
      </tr>
    );
  return (
    <tr className={rowClass}>
      <Td className="whitespace-nowrap">
        <span className="font-semibold">{s.name}</span>
        {!s.enabled ? (
          <span className="ml-2">
            <Badge tone="gray">off</Badge>
          </span>
        ) : null}
      </Td>
      <Td className="whitespace-nowrap">
        <code className="font-mono">{s.cron}</code>{' '}
        <span className="text-xs text-zinc-500">{s.timezone}</span>
      </Td>
      <Td className="whitespace-nowrap">
        {s.nextRunAt ? <Time iso={s.nextRunAt} absolute /> : <span className="text-zinc-500">—</span>}
        {s.overdueSince ? (
          <span className="ml-2">
            <Badge tone="red" title="No worker has taken this run.">
              overdue
            </Badge>
          </span>
        ) : null}
      </Td>
      <Td>
        <LastOutcome firing={s.lastFiring} />
      </Td>
      <Td className="text-right tabular-nums">
        {s.missedLastWeek ? (
          <Badge tone="red">{s.missedLastWeek}</Badge>
        ) : (
          <span className="text-zinc-500">0</span>
        )}
      </Td>
      <Td className="max-w-40 text-xs">
        {s.kind === 'verify' ? (
          <>
            restore verification of the latest backup to{' '}
            {s.options.target === 'latest' ? 'the end of the archive' : 'its consistency point'}
            {s.options.amcheck === false ? '' : ', with pg_amcheck'}
          </>
        ) : (
          <>
            {typeof s.options.compression === 'string' ? s.options.compression : 'server compression'},{' '}
            {s.options.checkpoint === 'spread' ? 'spread' : 'fast'} checkpoint
          </>
        )}
        {s.catchUp ? ', catches up' : ''}
      </Td>
      {canEdit ? (
        <Td className="whitespace-nowrap">
          <div className="flex gap-1">
            <Button size="sm" onClick={() => setEditing(true)}>
              Edit
            </Button>
            <Button size="sm" busy={update.isPending} onClick={() => update.mutate({ enabled: !s.enabled })}>
              {s.enabled ? 'Turn off' : 'Turn on'}
            </Button>
            <Button size="sm" variant="danger" onClick={() => setDeleting(true)}>
              Delete…
            </Button>
          </div>
          {update.error ? (
            <div className="mt-2 max-w-72">
              <ErrorNotice error={update.error} />
            </div>
          ) : null}
          <ConfirmDialog
            open={deleting}
            title={`Delete schedule ${s.name}?`}
            confirmLabel="Delete schedule"
            busy={remove.isPending}
            error={remove.error}
            onClose={() => {
              setDeleting(false);
              remove.reset();
            }}
            onConfirm={() => remove.mutate(undefined, { onSuccess: () => setDeleting(false) })}
          >
            <p>No more backups are started by it. Its history goes too; the backups it took stay.</p>
          </ConfirmDialog>
        </Td>
      ) : null}
    </tr>
  );
}

function LastOutcome({ firing: f }: { firing: FiringView | null }) {
  if (!f) return <span className="text-xs text-zinc-500">not run yet</span>;
  return (
    <div className="space-y-1 text-xs">
      <div className="flex flex-wrap items-center gap-1">
        <Badge tone={outcomeTones[f.outcome]} title={f.message ?? undefined}>
          {f.outcome}
        </Badge>
        {f.runId && f.runStatus ? (
          <Link href={`/jobs/${f.runId}`} className="hover:underline">
            <Badge tone={runTones[f.runStatus] ?? 'gray'}>{f.runStatus}</Badge>
          </Link>
        ) : null}
        <Time iso={f.scheduledFor} />
      </div>
      {f.message ? <p className="max-w-72 text-zinc-600 dark:text-zinc-400">{f.message}</p> : null}
    </div>
  );
}
