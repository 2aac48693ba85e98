'use client';

import type { BackupDetailView } from '@/server/contracts/backups';
import { useCan } from '@/components/auth/roles';
import { ButtonLink } from '@/components/ui/button';
import { DeleteBackup } from './delete-backup';
import { KeepBackup } from './keep-backup';
import { useVerifyRun, VerifyButton, VerifyProgress } from './verify-backup';

/** Operators only: verify, keep or release, delete. Viewers see none of it. */
export function BackupActions({ backup, onDeleted }: { backup: BackupDetailView; onDeleted: () => void }) {
  const canAct = useCan('operator');
  const verify = useVerifyRun(backup);
  if (!canAct) return null;
  return (
    <div className="mb-6 space-y-3">
      <div role="group" aria-label="Backup actions" className="flex flex-wrap items-start gap-2">
        <VerifyButton backup={backup} state={verify} />
        <KeepBackup backup={backup} />
        <ButtonLink href={`/servers/${encodeURIComponent(backup.serverName)}/recover?backup=${encodeURIComponent(backup.backupId)}`}>Restore from here</ButtonLink>
        <DeleteBackup backup={backup} onDeleted={onDeleted} />
      </div>
      <VerifyProgress state={verify} />
    </div>
  );
}
