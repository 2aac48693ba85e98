'use client';

import { useEffect, useRef, useState } from 'react';
import type { BackupDetailView } from '@/server/contracts/backups';
import { useRefreshBackups, useVerifyBackup } from '@/components/api/use-backup-actions';
import { isRunActive, useRun } from '@/components/api/use-runs';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import { BackupRunPanel } from './backup-run-panel';

/**
 * Verify (pg_verifybackup on Cellar's layout) and the live run it starts; when it ends the
 * backup is read again for its new verification status.
 */
export function useVerifyRun(backup: BackupDetailView) {
  const verify = useVerifyBackup(backup.serverName, backup.backupId);
  const [runId, setRunId] = useState<string | null>(null);
  const run = useRun(runId);
  const refresh = useRefreshBackups(backup.serverName);
  const refreshed = useRef<string | null>(null);
  useEffect(() => {
    const r = run.data;
    if (r && !isRunActive(r) && refreshed.current !== r.id) {
      refreshed.current = r.id;
      void refresh();
    }
  }, [run.data, refresh]);
  const start = () => verify.mutate(undefined, { onSuccess: (r) => setRunId(r.id) });
  const running = run.data ? isRunActive(run.data) : verify.isPending;
  return { verify, run, start, running };
}

type VerifyState = ReturnType<typeof useVerifyRun>;

export function VerifyButton({ backup, state }: { backup: BackupDetailView; state: VerifyState }) {
  if (backup.status !== 'DONE' && backup.status !== 'WAITING_FOR_WALS') return null;
  return (
    <Button busy={state.running} onClick={state.start}>
      Verify
    </Button>
  );
}

export function VerifyProgress({ state }: { state: VerifyState }) {
  return (
    <>
      {state.verify.error ? (
        <ErrorNotice title="The verification was not started." error={state.verify.error} />
      ) : null}
      {state.run.error ? (
        <ErrorNotice title="The verification's progress could not be loaded." error={state.run.error} />
      ) : null}
      {state.run.data ? <BackupRunPanel run={state.run.data} title="Verification" /> : null}
    </>
  );
}
