'use client';

import { useEffect, useRef } from 'react';
import { useRefreshBackups } from '@/components/api/use-backup-actions';
import { isRunActive, useRun, useRuns } from '@/components/api/use-runs';
import { ErrorNotice } from '@/components/ui/feedback';
import { BackupRunPanel } from './backup-run-panel';

/**
 * The server's backup run in flight — found by polling the run list, so one started elsewhere
 * shows too — or else the one started from this page, kept on screen with its outcome. The run
 * is polled every second (useRun) and the backup list refreshed as it moves on.
 */
export function ActiveBackupRun({
  server,
  serverId,
  startedId,
}: {
  server: string;
  serverId: string;
  startedId: string | null;
}) {
  const recent = useRuns({ serverId, kind: 'backup.run' }, { limit: 1 });
  const latest = recent.data?.pages[0]?.runs[0];
  const activeId = latest && isRunActive(latest) ? latest.id : startedId;
  const run = useRun(activeId);
  const refresh = useRefreshBackups(server);
  const seen = useRef<string | null>(null);

  useEffect(() => {
    const r = run.data;
    if (!r) return;
    // Each step can change the list: the STARTED row appears once running, DONE or FAILED at the end.
    const step = `${r.id}:${r.status}:${r.phase ?? ''}`;
    if (seen.current === step) return;
    seen.current = step;
    void refresh();
  }, [run.data, refresh]);

  return (
    <>
      {run.error ? (
        <ErrorNotice title="The backup run's progress could not be loaded." error={run.error} />
      ) : null}
      {run.data ? <BackupRunPanel run={run.data} title="Backup run" /> : null}
    </>
  );
}
