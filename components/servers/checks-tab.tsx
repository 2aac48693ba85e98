'use client';

import { useCan } from '@/components/auth/roles';
import { Section } from '@/components/ui/page-header';
import { CheckReports } from './check-reports';
import { RunChecks } from './run-checks';
import { ServerTab } from './server-tab';

export function ChecksTab({ name }: { name: string }) {
  const canRun = useCan('operator');
  return (
    <ServerTab name={name}>
      {(s) => (
        <>
          <Section title="Checks">
            <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
              Barman&apos;s checks, in Barman&apos;s order: the connection, replication and WAL settings, the repository, backups and WAL against their limits.
              <code className="ml-1">GET /api/servers/{s.name}/checks/nagios</code> gives the latest as a Nagios plugin would.
            </p>
            <RunChecks name={s.name} serverId={s.id} />
          </Section>
          <CheckReports name={s.name} canRun={canRun} />
        </>
      )}
    </ServerTab>
  );
}
