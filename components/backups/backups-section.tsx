'use client';

import { useState } from 'react';
import { backupStatuses } from '@/server/contracts/backups';
import type { ServerView } from '@/server/contracts/servers';
import { useBackups } from '@/components/api/use-backups';
import { useCan } from '@/components/auth/roles';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/feedback';
import { SelectField } from '@/components/ui/field';
import { Section } from '@/components/ui/page-header';
import { QueryView } from '@/components/ui/query-view';
import { useUrlFilters } from '@/components/ui/use-url-filters';
import { ActiveBackupRun } from './active-backup-run';
import { BackupsTable } from './backups-table';
import { StartBackupForm } from './start-backup-form';

const filterKeys = ['status'] as const;
const statusOptions = [{ value: '', label: 'All' }, ...backupStatuses.map((s) => ({ value: s, label: s }))];

/** The server's catalog (list-backups), "Back up now" for operators, and the backup in flight. Needs <Suspense> (URL filter). */
export function BackupsSection({ server }: { server: ServerView }) {
  const canRun = useCan('operator');
  const [values, setValues] = useUrlFilters(filterKeys);
  const status = backupStatuses.find((s) => s === values.status);
  const backups = useBackups(server.name, status);
  const [formOpen, setFormOpen] = useState(false);
  const [startedId, setStartedId] = useState<string | null>(null);

  return (
    <Section
      title="Backups"
      actions={
        canRun && !formOpen ? (
          <Button variant="primary" onClick={() => setFormOpen(true)}>
            Back up now
          </Button>
        ) : null
      }
    >
      {formOpen ? (
        <StartBackupForm
          server={server}
          onStarted={(run) => {
            setStartedId(run.id);
            setFormOpen(false);
          }}
          onRunning={setStartedId}
          onClose={() => setFormOpen(false)}
        />
      ) : null}
      <div className="mb-4">
        <ActiveBackupRun server={server.name} serverId={server.id} startedId={startedId} />
      </div>
      <div className="mb-3 flex flex-wrap items-end gap-3">
        <SelectField
          label="Backup status"
          options={statusOptions}
          value={status ?? ''}
          onChange={(e) => setValues({ status: e.target.value })}
        />
      </div>
      <QueryView query={backups} loading="Loading backups…" errorTitle="The backups could not be loaded.">
        {(data) => {
          const list = data.pages.flatMap((p) => p.backups);
          if (!list.length) return <NoBackups filtered={Boolean(status)} canRun={canRun} />;
          return (
            <>
              <BackupsTable backups={list} />
              {backups.hasNextPage ? (
                <div className="mt-3">
                  <Button busy={backups.isFetchingNextPage} onClick={() => void backups.fetchNextPage()}>
                    Load more
                  </Button>
                </div>
              ) : null}
            </>
          );
        }}
      </QueryView>
    </Section>
  );
}

function NoBackups({ filtered, canRun }: { filtered: boolean; canRun: boolean }) {
  if (filtered)
    return (
      <EmptyState title="No backups with this status">
        <p>Choose “All” to see every backup of this server.</p>
      </EmptyState>
    );
  return (
    <EmptyState title="No backups yet">
      <p>
        {canRun
          ? 'Use "Back up now" to take the first base backup of this server.'
          : 'An operator can take a backup from this page.'}
      </p>
    </EmptyState>
  );
}
