'use client';

import Link from 'next/link';
import { ServerAlerts } from '@/components/alerts/server-alerts';
import { useBackupPage } from '@/components/api/use-backups';
import { useServerStatus } from '@/components/api/use-server-status';
import { useServer } from '@/components/api/use-servers';
import { useWalTimeline } from '@/components/api/use-wal';
import { BackupsTable } from '@/components/backups/backups-table';
import { EmptyState } from '@/components/ui/feedback';
import { Section } from '@/components/ui/page-header';
import { QueryView } from '@/components/ui/query-view';
import { WalChart } from '@/components/wal/wal-chart';
import { windowOf } from '@/components/wal/wal-range';
import { ServerConfiguration } from '../server-configuration';
import { CatalogStatus } from './catalog-status';
import { HealthPanel } from './health-panel';
import { LiveStatus } from './live-status';

const linkClass = 'text-sm text-blue-700 hover:underline dark:text-blue-400';

/** One server at a glance: health, Barman's status, the latest backups, a week of WAL, its configuration. */
export function ServerOverviewPage({ name }: { name: string }) {
  const server = useServer(name);
  const status = useServerStatus(name);
  const base = `/servers/${encodeURIComponent(name)}`;
  return (
    <QueryView query={server} loading="Loading the server…" errorTitle={`The server ${name} could not be loaded.`}>
      {(s) => (
        <>
          <HealthPanel name={name} serverId={s.id} />
          <ServerAlerts name={name} />
          <Section title="Status">
            <div className="grid gap-4 lg:grid-cols-2">
              <QueryView query={status} loading="Reading the catalog…" errorTitle="The catalog status could not be loaded.">
                {(st) => <CatalogStatus status={st} />}
              </QueryView>
              <LiveStatus name={name} />
            </div>
          </Section>
          <Section
            title="Recent backups"
            actions={
              <Link href={`${base}/backups`} className={linkClass}>
                All {status.data ? `${status.data.backups.total.toLocaleString('en')} ` : ''}backups →
              </Link>
            }
          >
            <RecentBackups name={name} />
          </Section>
          <Section
            title="WAL, last 7 days"
            actions={
              <Link href={`${base}/wal`} className={linkClass}>
                WAL archive →
              </Link>
            }
          >
            <WeekOfWal name={name} />
          </Section>
          <Section
            title="Configuration"
            actions={
              <Link href={`${base}/settings`} className={linkClass}>
                Edit settings →
              </Link>
            }
          >
            <ServerConfiguration server={s} />
          </Section>
        </>
      )}
    </QueryView>
  );
}

function RecentBackups({ name }: { name: string }) {
  const page = useBackupPage(name, { limit: 5 });
  return (
    <QueryView query={page} loading="Loading backups…" errorTitle="The backups could not be loaded.">
      {(data) =>
        data.backups.length ? (
          <BackupsTable backups={data.backups} />
        ) : (
          <EmptyState title="No backups yet">
            <p>Take the first one from the Backups tab.</p>
          </EmptyState>
        )
      }
    </QueryView>
  );
}

function WeekOfWal({ name }: { name: string }) {
  const timeline = useWalTimeline(name, windowOf({ range: '7d' }, 168));
  return (
    <QueryView query={timeline} loading="Aggregating the WAL archive…" errorTitle="The WAL timeline could not be loaded.">
      {(t) => <WalChart data={t} height={160} label={`WAL archived by ${name} over the last 7 days`} />}
    </QueryView>
  );
}
