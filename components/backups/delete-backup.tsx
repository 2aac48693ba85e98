'use client';

import { useState } from 'react';
import type { BackupDetailView } from '@/server/contracts/backups';
import { useDeleteBackup } from '@/components/api/use-backup-actions';
import { formatCount } from '@/components/format/format-bytes';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Bytes } from '@/components/ui/values';

type Props = { backup: BackupDetailView; onDeleted: () => void };

/** The confirmation says what goes; the API's refusal (kept, running, minimum_redundancy) shows in it. */
export function DeleteBackup({ backup: b, onDeleted }: Props) {
  const remove = useDeleteBackup(b.serverName, b.backupId);
  const [open, setOpen] = useState(false);
  // A backup being taken is stopped by cancelling its run, not deleted.
  if (b.status === 'STARTED' || b.status === 'EMPTY') return null;
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete…
      </Button>
      <ConfirmDialog
        open={open}
        title={`Delete backup ${b.backupId}?`}
        confirmLabel="Delete backup"
        busy={remove.isPending}
        error={remove.error}
        onClose={() => {
          setOpen(false);
          remove.reset();
        }}
        onConfirm={() => remove.mutate(undefined, { onSuccess: onDeleted })}
      >
        <div className="space-y-2">
          <p>
            Backup <strong className="font-mono">{b.backupId}</strong>
            {b.name ? ` (“${b.name}”)` : ''} of <strong>{b.serverName}</strong>, {b.status}, will be removed
            from the catalog and the repository
            {b.storedSize !== null ? (
              <>
                : <Bytes value={b.size} /> of data in {formatCount(b.fileCount ?? 0)} files, taking{' '}
                <Bytes value={b.storedSize} /> on disk
              </>
            ) : null}
            . Files hard-linked into other backups stay with them.
          </p>
          <p>
            You can no longer restore from it. <strong>This cannot be undone.</strong>
          </p>
          {b.keep ? (
            <p className="text-amber-800 dark:text-amber-300">
              It is kept ({b.keep}): Cellar refuses to delete it until it is released.
            </p>
          ) : null}
        </div>
      </ConfirmDialog>
    </>
  );
}
