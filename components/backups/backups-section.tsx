'use client';

import { useState } from 'react';
import { backupSortKeys } from '@/server/contracts/backups';
import type { ServerView } from '@/server/contracts/servers';
import type { BackupListParams } from '@/components/api/backup-paths';
import { useBackupPage } from '@/components/api/use-backups';
import { useCan } from '@/components/auth/roles';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/feedback';
import { Section } from '@/components/ui/page-header';
import { Pagination } from '@/components/ui/pagination';
import { QueryView } from '@/components/ui/query-view';
import { useUrlFilters } from '@/components/ui/use-url-filters';
import { ActiveBackupRun } from './active-backup-run';
import { BackupFilters, type BackupFilterValues } from './backup-filters';
import { BackupsTable, type BackupSort } from './backups-table';
import { StartBackupForm } from './start-backup-form';

const urlKeys = ['status', 'search', 'from', 'to', 'kept', 'sort', 'order', 'offset', 'limit'] as const;
type UrlValues = Partial<Record<(typeof urlKeys)[number], string>>;

/** datetime-local values are local wall-clock times; the API takes instants. */
const instant = (local?: string) => (local && !Number.isNaN(new Date(local).getTime()) ? new Date(local).toISOString() : undefined);

function sortOf(v: UrlValues): BackupSort {
  const key = backupSortKeys.find((k) => k === v.sort) ?? 'backupId';
  return { key: key, order: v.order === 'asc' ? 'asc' : 'desc' };
}

function paramsOf(v: UrlValues): BackupListParams {
  const sort = sortOf(v);
  return {
    status: v.status,
    search: v.search,
    from: instant(v.from),
    to: instant(v.to),
    kept: v.kept,
    sort: sort.key,
    order: sort.order,
    offset: Math.max(0, Number(v.offset ?? 0) || 0),
    limit: [25, 50, 100, 200].includes(Number(v.limit)) ? Number(v.limit) : 25,
  };
}

/** The server's catalog (list-backups) sorted, filtered and paged by the API; "Back up now" and the backup in flight. Needs <Suspense>. */
export function BackupsSection({ server }: { server: ServerView }) {
  const canRun = useCan('operator');
  const [values, setValues] = useUrlFilters(urlKeys);
  const params = paramsOf(values);
  const page = useBackupPage(server.name, params);
  const [formOpen, setFormOpen] = useState(false);
  const [startedId, setStartedId] = useState<string | null>(null);
  const filters: BackupFilterValues = { status: values.status, search: values.search, from: values.from, to: values.to, kept: values.kept };
  // A new filter or sort starts again from the first page.
  const setFilters = (next: BackupFilterValues) => setValues({ ...next, sort: values.sort, order: values.order, limit: values.limit });
  const setSort = (next: BackupSort) => setValues({ ...values, sort: next.key, order: next.order, offset: undefined });
  const filtered = Boolean(filters.status || filters.search || filters.from || filters.to || filters.kept);

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
      <BackupFilters values={filters} onChange={setFilters} />
      <QueryView query={page} loading="Loading backups…" errorTitle="The backups could not be loaded.">
        {(data) =>
          data.backups.length ? (
            <div className={page.isPlaceholderData ? 'opacity-70 transition-opacity' : undefined} aria-busy={page.isPlaceholderData}>
              <BackupsTable backups={data.backups} sort={sortOf(values)} onSort={setSort} />
              <Pagination
                label="Backup pages"
                offset={data.offset}
                limit={data.limit}
                total={data.total}
                busy={page.isPlaceholderData}
                onChange={(next) => setValues({ ...values, offset: next.offset ? String(next.offset) : undefined, limit: String(next.limit) })}
              />
            </div>
          ) : (
            <NoBackups filtered={filtered} canRun={canRun} beyond={data.total > 0} onFirst={() => setValues({ ...values, offset: undefined })} />
          )
        }
      </QueryView>
    </Section>
  );
}

function NoBackups({ filtered, canRun, beyond, onFirst }: { filtered: boolean; canRun: boolean; beyond: boolean; onFirst: () => void }) {
  if (beyond)
    return (
      <EmptyState title="This page is past the last backup">
        <Button onClick={onFirst}>Go to the first page</Button>
      </EmptyState>
    );
  if (filtered)
    return (
      <EmptyState title="No backup matches these filters">
        <p>Widen the time range, pick another status, or clear the filters.</p>
      </EmptyState>
    );
  return (
    <EmptyState title="No backups yet">
      <p>{canRun ? 'Use "Back up now" to take the first base backup of this server.' : 'An operator can take a backup from this page.'}</p>
    </EmptyState>
  );
}
