'use client';

import { Suspense } from 'react';
import { BackupsSection } from '@/components/backups/backups-section';
import { RetentionSection } from '@/components/retention/retention-section';
import { SchedulesSection } from '@/components/schedules/schedules-section';
import { ServerAlerts } from '@/components/alerts/server-alerts';
import { useServer } from '@/components/api/use-servers';
import { useCan } from '@/components/auth/roles';
import { ButtonLink } from '@/components/ui/button';
import { Loading } from '@/components/ui/feedback';
import { PageHeader, Section } from '@/components/ui/page-header';
import { QueryView } from '@/components/ui/query-view';
import { CheckReports } from './check-reports';
import { RunChecks } from './run-checks';
import { ServerOverview } from './server-overview';

export function ServerDetail({ name }: { name: string }) {
  const server = useServer(name);
  const canRun = useCan('operator');
  return (
    <>
      <PageHeader
        title={name}
        description={server.data?.description || undefined}
        actions={
          <>
            <ButtonLink href={`/servers/${encodeURIComponent(name)}/recover`}>Point-in-time recovery</ButtonLink>
            <ButtonLink href={`/servers/${name}/settings`}>Settings</ButtonLink>
          </>
        }
      />
      <QueryView
        query={server}
        loading="Loading the server…"
        errorTitle={`The server ${name} could not be loaded.`}
      >
        {(s) => (
          <>
            <Section title="Overview">
              <ServerOverview server={s} />
            </Section>
            <ServerAlerts name={s.name} />
            <Suspense fallback={<Loading label="Loading backups…" />}>
              <BackupsSection server={s} />
            </Suspense>
            <SchedulesSection server={s.name} />
            <RetentionSection server={s.name} />
            <Section title="Checks">
              <RunChecks name={s.name} serverId={s.id} />
            </Section>
            <CheckReports name={s.name} canRun={canRun} />
          </>
        )}
      </QueryView>
    </>
  );
}
