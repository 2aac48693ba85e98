'use client';

import Link from 'next/link';
import type { TimelineWindowView } from '@/server/contracts/recovery';
import { useState } from 'react';
import { useBackupPage } from '@/components/api/use-backups';
import { Button } from '@/components/ui/button';
import { ErrorNotice, Loading } from '@/components/ui/feedback';
import { Table, Td, Th, rowClass } from '@/components/ui/table';
import { Bytes } from '@/components/ui/values';
import type { Zone } from './target-text';
import { ZonedTime } from './zoned-time';
import { PlanStatus } from './plan-status';
import type { LivePlan } from './target-step';

type Props = {
  server: string;
  chosen: string;
  onChoose: (backup: string) => void;
  plan: LivePlan;
  /** Cellar's own choice for the same target, shown when the user picked another backup. */
  autoPlan: LivePlan;
  window: TimelineWindowView | null;
  zone: Zone;
};

/** Step 3: the base backup Cellar chose and why, or another DONE backup the user picks. */
export function BackupStep({ server, chosen, onChoose, plan, autoPlan, window, zone }: Props) {
  // The newest DONE backups, 50 more at a time (the API pages at most 500).
  const [limit, setLimit] = useState(50);
  const backups = useBackupPage(server, { status: 'DONE', limit });
  const rows = backups.data?.backups ?? [];
  const more = (backups.data?.total ?? 0) > rows.length && limit < 500;
  const usability = new Map(window?.backups.map((b) => [b.backupId, b]) ?? []);
  const auto = chosen === 'auto';
  const autoChoice = (auto ? plan : autoPlan).data?.backup;
  return (
    <div className="space-y-4">
      <div className="rounded-md border border-zinc-200 p-3 text-sm dark:border-zinc-800">
        {autoChoice ? (
          <p>
            Cellar chooses backup <code className="font-mono font-semibold">{autoChoice.backupId}</code>
            {autoChoice.name ? ` '${autoChoice.name}'` : ''}: {autoChoice.reason}
          </p>
        ) : (
          <p>
            {(auto ? plan : autoPlan).data
              ? 'Cellar finds no backup that reaches this target (see below).'
              : 'Asking Cellar which backup it would choose…'}
          </p>
        )}
        {!auto ? (
          <p className="mt-1">
            You chose <code className="font-mono font-semibold">{chosen}</code> instead; the check below is
            for it.
          </p>
        ) : null}
      </div>
      <fieldset>
        <legend className="mb-2 text-sm font-medium">Base backup</legend>
        {backups.isPending ? <Loading label="Loading the completed backups…" /> : null}
        {backups.error ? (
          <ErrorNotice
            title="The backups could not be listed."
            error={backups.error}
            onRetry={() => void backups.refetch()}
          />
        ) : null}
        <Table>
          <caption className="sr-only">Completed backups to restore from</caption>
          <thead>
            <tr>
              <Th>Backup</Th>
              <Th>Name</Th>
              <Th>Consistent at</Th>
              <Th>End LSN</Th>
              <Th>Timeline</Th>
              <Th className="text-right">Size</Th>
              <Th>On this timeline</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
            <tr className={rowClass}>
              <Td colSpan={7}>
                <label className="flex items-center gap-2 font-medium">
                  <input
                    type="radio"
                    name="pitr-backup"
                    checked={auto}
                    onChange={() => onChoose('auto')}
                    className="accent-blue-700"
                  />
                  Let Cellar choose (the newest backup that ends before the target)
                </label>
              </Td>
            </tr>
            {rows.map((b) => {
              const fact = usability.get(b.backupId);
              return (
                <tr key={b.backupId} className={rowClass}>
                  <Td>
                    <label className="flex items-center gap-2 font-mono">
                      <input
                        type="radio"
                        name="pitr-backup"
                        checked={chosen === b.backupId}
                        onChange={() => onChoose(b.backupId)}
                        className="accent-blue-700"
                      />
                      {b.backupId}
                    </label>
                  </Td>
                  <Td>{b.name ?? '—'}</Td>
                  <Td className="whitespace-nowrap">
                    <ZonedTime iso={b.endTime} zone={zone} />
                  </Td>
                  <Td className="font-mono">{b.endLsn ?? '—'}</Td>
                  <Td className="tabular-nums">{b.timeline ?? '—'}</Td>
                  <Td className="text-right whitespace-nowrap">
                    <Bytes value={b.size} />
                  </Td>
                  <Td>
                    {!fact ? (
                      '—'
                    ) : fact.usable ? (
                      'usable'
                    ) : (
                      <span className="text-red-700 dark:text-red-300">not usable: {fact.reason}</span>
                    )}
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
        {rows.length === 0 && !backups.isPending ? (
          <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
            No completed backup yet:{' '}
            <Link
              className="text-blue-700 underline dark:text-blue-400"
              href={`/servers/${encodeURIComponent(server)}`}
            >
              take one on the server page
            </Link>
            .
          </p>
        ) : null}
        {more ? (
          <Button
            size="sm"
            className="mt-2"
            busy={backups.isFetching}
            onClick={() => setLimit((n) => Math.min(n + 50, 500))}
          >
            Older backups
          </Button>
        ) : null}
      </fieldset>
      <PlanStatus plan={plan} zone={zone} label="Check of the chosen backup" />
    </div>
  );
}
