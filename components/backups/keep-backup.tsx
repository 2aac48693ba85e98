'use client';

import { useState } from 'react';
import type { BackupDetailView, KeepTarget } from '@/server/contracts/backups';
import { useKeepBackup } from '@/components/api/use-backup-actions';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';

const choices: { target: KeepTarget; label: string; explain: string }[] = [
  {
    target: 'full',
    label: 'Keep full',
    explain: 'With all the WAL after it: point-in-time recovery from this backup stays possible.',
  },
  {
    target: 'standalone',
    label: 'Keep standalone',
    explain: 'With only the WAL needed for consistency: it restores to its end, and later WAL may go.',
  },
];

/** Barman's keep: a kept backup is left alone by retention and refused by delete until released. */
export function KeepBackup({ backup }: { backup: BackupDetailView }) {
  const keep = useKeepBackup(backup.serverName, backup.backupId);
  const [choosing, setChoosing] = useState(false);
  if (backup.keep)
    return (
      <div className="space-y-2">
        <Button busy={keep.isPending} onClick={() => keep.mutate(null)}>
          Release
        </Button>
        {keep.error ? <ErrorNotice title="The backup was not released." error={keep.error} /> : null}
      </div>
    );
  // Only a DONE backup can be kept (the API answers 409 otherwise).
  if (backup.status !== 'DONE') return null;
  return (
    <div className="relative space-y-2">
      <Button aria-expanded={choosing} onClick={() => setChoosing((c) => !c)}>
        Keep…
      </Button>
      {choosing ? (
        <div
          onKeyDown={(e) => {
            if (e.key === 'Escape') setChoosing(false);
          }}
          className="absolute top-full left-0 z-10 mt-1 w-80 space-y-2 rounded-md border border-zinc-200 bg-white p-3 text-sm shadow-lg dark:border-zinc-700 dark:bg-zinc-900"
        >
          {choices.map((c) => (
            <div key={c.target}>
              <Button
                size="sm"
                busy={keep.isPending && keep.variables === c.target}
                disabled={keep.isPending}
                onClick={() => keep.mutate(c.target, { onSuccess: () => setChoosing(false) })}
              >
                {c.label}
              </Button>
              <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">{c.explain}</p>
            </div>
          ))}
        </div>
      ) : null}
      {keep.error ? <ErrorNotice title="The backup was not kept." error={keep.error} /> : null}
    </div>
  );
}
