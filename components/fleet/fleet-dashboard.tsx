'use client';

import { useEffect, useMemo, useState } from 'react';
import type { FleetServerView, HealthLevel } from '@/server/contracts/fleet';
import type { StartBackupsResult } from '@/components/api/use-backup-actions';
import { fleetRefreshMs, useFleet } from '@/components/api/use-fleet';
import { useCan } from '@/components/auth/roles';
import { BackUpAllButton, BackUpAllReport } from '@/components/servers/back-up-all';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/feedback';
import { PageHeader } from '@/components/ui/page-header';
import { QueryView } from '@/components/ui/query-view';
import { FleetFilters, type FleetFilter } from './fleet-filters';
import { FleetSummary } from './fleet-summary';
import { FleetTable } from './fleet-table';
import { LiveStamp } from './live-stamp';

const trouble: readonly HealthLevel[] = ['critical', 'warning'];

function applyFilter(servers: readonly FleetServerView[], filter: FleetFilter): FleetServerView[] {
  const needle = filter.search.trim().toLowerCase();
  return servers.filter(
    (s) =>
      (!filter.troubleOnly || trouble.includes(s.health)) &&
      (!needle || s.name.includes(needle) || s.description.toLowerCase().includes(needle)),
  );
}

/** The tab's title counts the servers in trouble, so a background tab still speaks up. */
function useTroubleTitle(critical: number | undefined): void {
  useEffect(() => {
    if (critical === undefined) return;
    document.title = critical ? `(${critical}) Servers · Cellar` : 'Servers · Cellar';
  }, [critical]);
}

export function FleetDashboard() {
  const fleet = useFleet();
  const canEdit = useCan('operator');
  const [backupReport, setBackupReport] = useState<StartBackupsResult | null>(null);
  const [filter, setFilter] = useState<FleetFilter>({ search: '', troubleOnly: false });
  const shown = useMemo(() => applyFilter(fleet.data?.servers ?? [], filter), [fleet.data, filter]);
  useTroubleTitle(fleet.data?.counts.critical);
  return (
    <>
      <PageHeader
        title="Servers"
        description={
          <>
            Health from the latest checks and the catalog, trouble first.{' '}
            <LiveStamp updatedAt={fleet.dataUpdatedAt} fetching={fleet.isFetching} everyMs={fleetRefreshMs} />
          </>
        }
        actions={
          canEdit ? (
            <>
              <BackUpAllButton serverCount={fleet.data?.servers.length ?? 0} onStarted={setBackupReport} />
              <ButtonLink href="/servers/new" variant="primary">
                Add server
              </ButtonLink>
            </>
          ) : null
        }
      />
      {backupReport ? <BackUpAllReport result={backupReport} onDismiss={() => setBackupReport(null)} /> : null}
      <QueryView query={fleet} loading="Loading servers…" errorTitle="The servers could not be loaded.">
        {(data) =>
          data.servers.length ? (
            <>
              <FleetSummary fleet={data} />
              <FleetFilters value={filter} onChange={setFilter} counts={data.counts} total={data.servers.length} />
              {shown.length ? (
                <FleetTable servers={shown} />
              ) : (
                <EmptyState title="No server matches">
                  <p>{filter.troubleOnly ? 'No server is in trouble. ' : ''}Clear the search to see every server.</p>
                </EmptyState>
              )}
            </>
          ) : (
            <NoServers canEdit={canEdit} />
          )
        }
      </QueryView>
    </>
  );
}

function NoServers({ canEdit }: { canEdit: boolean }) {
  return (
    <EmptyState title="No servers yet">
      <p>
        Cellar backs up the PostgreSQL servers registered here. To add one you need a connection string
        (conninfo) for a user that can run backups, e.g. <code>host=pg1 user=cellar dbname=postgres</code>,
        and, for WAL streaming, a user with the REPLICATION privilege.
      </p>
      {canEdit ? (
        <p>
          <ButtonLink href="/servers/new" variant="primary">
            Add your first server
          </ButtonLink>
        </p>
      ) : (
        <p>Your role (viewer) cannot add servers: ask an operator or an administrator to register them.</p>
      )}
    </EmptyState>
  );
}
