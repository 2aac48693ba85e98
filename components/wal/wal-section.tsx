'use client';

import { useServer } from '@/components/api/use-servers';
import { useWalStatus, useWalTimeline } from '@/components/api/use-wal';
import { useCan } from '@/components/auth/roles';
import { formatBytes, formatCount } from '@/components/format/format-bytes';
import { Section } from '@/components/ui/page-header';
import { QueryView } from '@/components/ui/query-view';
import { useUrlFilters } from '@/components/ui/use-url-filters';
import { Time } from '@/components/ui/values';
import { ReplicationTable } from './replication-table';
import { ReceiverPanel } from './receiver-panel';
import { RestorePointsTable } from './restore-points-table';
import { WalActions } from './wal-actions';
import { WalArchiveFacts } from './wal-archive-facts';
import { WalChart } from './wal-chart';
import { WalLegend } from './wal-legend';
import { WalRangePicker, windowOf } from './wal-range';

const rangeKeys = ['range', 'from', 'to'] as const;

/**
 * The WAL tab: the archive over a chosen window, its facts, the streaming receiver, and the
 * operators' WAL actions. Needs <Suspense>.
 */
export function WalSection({ name }: { name: string }) {
  const [range, setRange] = useUrlFilters(rangeKeys);
  const timeline = useWalTimeline(name, windowOf(range, 240));
  const status = useWalStatus(name);
  const server = useServer(name);
  const canAct = useCan('operator');
  return (
    <>
      <Section title="Archive over time">
        <WalRangePicker key={JSON.stringify(range)} value={range} onChange={setRange} />
        <QueryView
          query={timeline}
          loading="Aggregating the WAL archive…"
          errorTitle="The WAL timeline could not be loaded."
        >
          {(t) => {
            const segments = t.buckets.reduce((n, b) => n + b.segments, 0);
            const bytes = t.buckets.reduce((n, b) => n + b.size, 0);
            const timelines = [...new Set(t.buckets.flatMap((b) => b.timelines))].sort((a, b) => a - b);
            return (
              <div className="space-y-2">
                <WalLegend timelines={timelines.length ? timelines : [1]} />
                <WalChart data={t} label={`WAL archived by ${name} from ${t.from} to ${t.to}`} />
                <p className="text-sm text-zinc-600 dark:text-zinc-400">
                  {formatCount(segments)} segments ({formatBytes(bytes)} of WAL) in this window
                  {t.gaps.length ? (
                    <strong className="text-red-700 dark:text-red-400">
                      ; {t.gaps.length} gap{t.gaps.length === 1 ? '' : 's'} in the archive
                    </strong>
                  ) : null}
                  .{' '}
                  {t.firstArchivedAt ? (
                    <>
                      The archive runs from <Time iso={t.firstArchivedAt} absolute /> to{' '}
                      <Time iso={t.lastArchivedAt} absolute />.
                    </>
                  ) : (
                    'The archive is empty.'
                  )}
                </p>
                <h3 className="pt-4 font-semibold">Restore points in this window</h3>
                <RestorePointsTable points={t.restorePoints} />
              </div>
            );
          }}
        </QueryView>
      </Section>
      <Section title="Archive">
        <QueryView
          query={status}
          loading="Loading the archive's status…"
          errorTitle="The WAL archive's status could not be loaded."
        >
          {(s) => <WalArchiveFacts status={s} />}
        </QueryView>
      </Section>
      {server.data && status.data ? (
        <div className="mb-8">
          <ReceiverPanel server={server.data} receiver={status.data.receiver} />
        </div>
      ) : null}
      <Section title="Replication">
        <ReplicationTable name={name} />
      </Section>
      {canAct ? (
        <Section title="Actions">
          <WalActions name={name} />
        </Section>
      ) : null}
    </>
  );
}
