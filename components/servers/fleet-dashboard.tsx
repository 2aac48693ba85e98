'use client';

import { useState } from 'react';
import type { StartBackupsResult } from '@/components/api/use-backup-actions';
import { useServers } from '@/components/api/use-servers';
import { useCan } from '@/components/auth/roles';
import { ButtonLink } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/feedback';
import { PageHeader } from '@/components/ui/page-header';
import { QueryView } from '@/components/ui/query-view';
import { BackUpAllButton, BackUpAllReport } from './back-up-all';
import { FleetTable } from './fleet-table';

export function FleetDashboard() {
  const servers = useServers({ live: true });
  const canEdit = useCan('operator');
  const [backupReport, setBackupReport] = useState<StartBackupsResult | null>(null);
  return (
    <>
      <PageHeader
        title="Servers"
        description="Health from each server's latest checks; refreshed every 5 seconds."
        actions={
          canEdit ? (
            <>
              <BackUpAllButton serverCount={servers.data?.length ?? 0} onStarted={setBackupReport} />
              <ButtonLink href="/servers/new" variant="primary">
                Add server
              </ButtonLink>
            </>
          ) : null
        }
      />
      {backupReport ? (
        <BackUpAllReport result={backupReport} onDismiss={() => setBackupReport(null)} />
      ) : null}
      <QueryView query={servers} loading="Loading servers…" errorTitle="The server list could not be loaded.">
        {(list) => (list.length ? <FleetTable servers={list} /> : <NoServers canEdit={canEdit} />)}
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
