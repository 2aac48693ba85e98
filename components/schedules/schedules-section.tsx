'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ScheduleView } from '@/server/contracts/schedules';
import { queryKeys } from '@/components/api/query-keys';
import { useCreateSchedule, useSchedules } from '@/components/api/use-schedules';
import { useCan } from '@/components/auth/roles';
import { Button } from '@/components/ui/button';
import { EmptyState, Notice } from '@/components/ui/feedback';
import { Section } from '@/components/ui/page-header';
import { QueryView } from '@/components/ui/query-view';
import { Table, Th } from '@/components/ui/table';
import { Time } from '@/components/ui/values';
import { ScheduleForm, formValuesOf, toScheduleInput } from './schedule-form';
import { ScheduleRow } from './schedule-row';

/** Schedules of a server (backups, restore verifications): when they run next, how the last run went, what was missed. */
export function SchedulesSection({ server }: { server: string }) {
  const schedules = useSchedules(server);
  const canEdit = useCan('operator');
  const [adding, setAdding] = useState(false);
  const create = useCreateSchedule(server);
  useRefreshOnOutcome(server, schedules.data);
  return (
    <Section
      title="Schedules"
      actions={
        canEdit && !adding ? (
          <Button variant="primary" onClick={() => setAdding(true)}>
            Add schedule
          </Button>
        ) : null
      }
    >
      {adding ? (
        <ScheduleForm
          initial={formValuesOf()}
          submitLabel="Add schedule"
          busy={create.isPending}
          error={create.error}
          onSubmit={(values) => create.mutate(toScheduleInput(values), { onSuccess: () => setAdding(false) })}
          onCancel={() => {
            setAdding(false);
            create.reset();
          }}
        />
      ) : null}
      <QueryView
        query={schedules}
        loading="Loading schedules…"
        errorTitle="The schedules could not be loaded."
      >
        {(list) =>
          list.length ? (
            <SchedulesTable server={server} schedules={list} canEdit={canEdit} />
          ) : (
            <NoSchedules canEdit={canEdit} />
          )
        }
      </QueryView>
    </Section>
  );
}

/** A scheduled run that starts or ends changes the backups and the retention preview shown above and below. */
function useRefreshOnOutcome(server: string, list: ScheduleView[] | undefined) {
  const client = useQueryClient();
  const outcomes = (list ?? [])
    .map((s) => `${s.lastFiring?.scheduledFor ?? ''}:${s.lastFiring?.runStatus ?? ''}`)
    .join('|');
  useEffect(() => {
    if (!outcomes) return;
    void client.invalidateQueries({ queryKey: queryKeys.backups(server) });
    void client.invalidateQueries({ queryKey: queryKeys.retention(server) });
  }, [client, server, outcomes]);
}

function SchedulesTable({
  server,
  schedules,
  canEdit,
}: {
  server: string;
  schedules: ScheduleView[];
  canEdit: boolean;
}) {
  const overdue = schedules
    .map((s) => s.overdueSince)
    .filter((t): t is string => t !== null)
    .sort()[0];
  const unregistered = schedules.filter((s) => s.enabled && s.registered === false);
  return (
    <div className="space-y-3">
      {overdue ? (
        <Notice tone="warning">
          A scheduled run due <Time iso={overdue} /> has not started: no worker is taking scheduled jobs.
          Start the workers (<code>node --import tsx workers/jobs.ts</code>); the missed runs will be
          reported, and caught up where the schedule says so.
        </Notice>
      ) : null}
      {schedules.some((s) => s.registered === null) ? (
        <Notice tone="warning">
          The job queue could not be asked for the next runs; the times shown are computed from the
          expressions.
        </Notice>
      ) : null}
      {unregistered.length ? (
        <Notice tone="warning">
          {unregistered.map((s) => s.name).join(', ')}: not registered with the job queue; the maintenance
          worker registers it again and reports what it missed.
        </Notice>
      ) : null}
      <Table>
        <caption className="sr-only">Schedules</caption>
        <thead>
          <tr>
            <Th>Name</Th>
            <Th>When</Th>
            <Th>Next run</Th>
            <Th>Last outcome</Th>
            <Th className="text-right">Missed (7 days)</Th>
            <Th>Options</Th>
            {canEdit ? <Th>Actions</Th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {schedules.map((s) => (
            <ScheduleRow key={s.id} server={server} schedule={s} canEdit={canEdit} />
          ))}
        </tbody>
      </Table>
    </div>
  );
}

function NoSchedules({ canEdit }: { canEdit: boolean }) {
  return (
    <EmptyState title="No schedules">
      <p>
        {canEdit
          ? 'Add a schedule to take backups of this server automatically, e.g. every night at 01:00.'
          : 'An operator can add backup schedules here.'}
      </p>
    </EmptyState>
  );
}
