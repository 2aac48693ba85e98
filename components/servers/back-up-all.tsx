'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useStartBackups, type StartBackupsResult } from '@/components/api/use-backup-actions';
import { useCan } from '@/components/auth/roles';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Notice } from '@/components/ui/feedback';

/** Barman's `backup all`: one run per enabled server with its own settings; the report says which were skipped and why. */
export function BackUpAllButton({
  serverCount,
  onStarted,
}: {
  serverCount: number;
  onStarted: (result: StartBackupsResult) => void;
}) {
  const canRun = useCan('operator');
  const start = useStartBackups();
  const [open, setOpen] = useState(false);
  if (!canRun) return null;
  return (
    <>
      <Button onClick={() => setOpen(true)} disabled={serverCount === 0}>
        Back up all
      </Button>
      <ConfirmDialog
        open={open}
        title="Back up every enabled server?"
        confirmLabel="Start backups"
        confirmVariant="primary"
        busy={start.isPending}
        error={start.error}
        onClose={() => {
          setOpen(false);
          start.reset();
        }}
        onConfirm={() =>
          start.mutate(
            {},
            {
              onSuccess: (r) => {
                onStarted(r);
                setOpen(false);
              },
            },
          )
        }
      >
        <p>
          Each enabled server gets a backup with its own compression and a fast checkpoint. The workers run
          them in parallel up to their concurrency; a server that cannot be backed up now is skipped and
          listed with the reason.
        </p>
      </ConfirmDialog>
    </>
  );
}

export function BackUpAllReport({
  result,
  onDismiss,
}: {
  result: StartBackupsResult;
  onDismiss: () => void;
}) {
  const { started, skipped } = result;
  return (
    <div className="mb-4">
      <Notice tone={skipped.length ? 'warning' : 'success'}>
        <p className="font-medium">
          {started.length
            ? `Started ${started.length} backup${started.length === 1 ? '' : 's'}`
            : 'No backup started'}
          {skipped.length ? `; skipped ${skipped.length}.` : '.'}
        </p>
        {started.length ? (
          <ul className="mt-1 list-inside list-disc">
            {started.map((run) => (
              <li key={run.id}>
                {run.serverName ?? 'server'}:{' '}
                <Link href={`/jobs/${run.id}`} className="underline">
                  follow the job
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
        {skipped.length ? (
          <ul className="mt-1 list-inside list-disc">
            {skipped.map((s) => (
              <li key={s.server}>
                <strong>{s.server}</strong> skipped: {s.reason}
              </li>
            ))}
          </ul>
        ) : null}
        <Button size="sm" variant="ghost" className="mt-2" onClick={onDismiss}>
          Dismiss
        </Button>
      </Notice>
    </div>
  );
}
