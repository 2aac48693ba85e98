import type { RetentionStatus } from '@/server/contracts/retention';
import { Badge, type Tone } from '@/components/ui/badge';

const tones: Record<RetentionStatus, Tone> = {
  VALID: 'green',
  OBSOLETE: 'red',
  'OBSOLETE*': 'amber',
  'KEEP:FULL': 'blue',
  'KEEP:STANDALONE': 'blue',
  '-': 'gray',
};

const hints: Record<RetentionStatus, string> = {
  VALID: 'Needed by the retention policy.',
  OBSOLETE: 'Outside the policy: retention deletes it.',
  'OBSOLETE*': 'Outside the policy, but kept for minimum_redundancy.',
  'KEEP:FULL': 'Kept with all the WAL after it; retention never deletes it.',
  'KEEP:STANDALONE': 'Kept with the WAL it needs to be consistent; retention never deletes it.',
  '-': 'Not scored: only DONE backups are.',
};

/** Barman's retention status; "not enforced" when the server has no policy. */
export function RetentionBadge({
  status,
  deleting = false,
  reason,
}: {
  status: RetentionStatus | null;
  deleting?: boolean;
  reason?: string;
}) {
  if (deleting)
    return (
      <Badge
        tone="red"
        title="Its deletion has begun; the next retention pass finishes it if it was interrupted."
      >
        deleting
      </Badge>
    );
  if (status === null) return <span className="text-xs text-zinc-500 dark:text-zinc-400">not enforced</span>;
  return (
    <Badge tone={tones[status]} title={reason ?? hints[status]}>
      {status}
    </Badge>
  );
}
