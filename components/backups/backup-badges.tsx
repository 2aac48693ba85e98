import type { BackupStatus, BackupView } from '@/server/contracts/backups';
import { exactTime } from '@/components/format/format-time';
import { Badge, type Tone } from '@/components/ui/badge';

const statusTones: Record<BackupStatus, Tone> = {
  DONE: 'green',
  WAITING_FOR_WALS: 'amber',
  STARTED: 'blue',
  FAILED: 'red',
  EMPTY: 'gray',
};

const statusHints: Record<BackupStatus, string> = {
  DONE: 'Complete and restorable.',
  WAITING_FOR_WALS: 'Copied; it becomes DONE once the WAL up to its end has been archived.',
  STARTED: 'Being taken now.',
  FAILED: 'The backup did not complete; nothing of it is restorable.',
  EMPTY: 'Registered, not yet started.',
};

export function BackupStatusBadge({ status, error }: { status: BackupStatus; error?: string | null }) {
  const taking = status === 'STARTED' || status === 'EMPTY';
  return (
    <Badge tone={statusTones[status]} title={error ?? statusHints[status]}>
      {taking ? (
        <span
          aria-hidden
          className="mr-1 size-2.5 animate-spin rounded-full border-2 border-current border-t-transparent"
        />
      ) : null}
      {status}
    </Badge>
  );
}

export function KeepBadge({ keep }: { keep: BackupView['keep'] }) {
  if (!keep) return <span className="text-zinc-500 dark:text-zinc-400">—</span>;
  const hint =
    keep === 'full'
      ? 'Kept with all the WAL after it (point-in-time recovery from it); retention and deletion leave it alone.'
      : 'Kept with only the WAL needed for consistency; retention and deletion leave it alone.';
  return (
    <Badge tone="blue" title={hint}>
      KEEP:{keep.toUpperCase()}
    </Badge>
  );
}

export function VerifyBadge({
  status,
  at,
  compact = false,
}: {
  status: BackupView['verifyStatus'];
  at: string | null;
  /** In a table: a dash rather than the words, to keep the column narrow. */
  compact?: boolean;
}) {
  if (!status)
    return (
      <span className="text-zinc-500 dark:text-zinc-400" title="Not verified yet">
        {compact ? '—' : 'not verified'}
      </span>
    );
  const when = at ? `, ${exactTime(at)}` : '';
  return status === 'ok' ? (
    <Badge tone="green" title={`Every file matched the manifest${when}`}>
      verified
    </Badge>
  ) : (
    <Badge tone="red" title={`The last verification found problems${when}; its job has the list.`}>
      verify failed
    </Badge>
  );
}
