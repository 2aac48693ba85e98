import type { RunStatus } from '@/server/contracts/runs';
import { Badge, type Tone } from '@/components/ui/badge';

const tones: Record<RunStatus, Tone> = {
  queued: 'gray',
  running: 'blue',
  succeeded: 'green',
  failed: 'red',
  cancelled: 'amber',
};

export function RunStatusBadge({
  status,
  cancelRequested,
}: {
  status: RunStatus;
  cancelRequested?: boolean;
}) {
  const cancelling = cancelRequested && (status === 'queued' || status === 'running');
  return (
    <Badge
      tone={cancelling ? 'amber' : tones[status]}
      title={cancelling ? 'Cancellation requested; the worker stops at the next safe point.' : undefined}
    >
      {cancelling ? `${status} (cancelling)` : status}
    </Badge>
  );
}
