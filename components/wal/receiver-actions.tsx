'use client';

import { useState } from 'react';
import type { ReceiverStatusView } from '@/server/contracts/wal';
import { useReceiverAction, useSlotAction } from '@/components/api/use-wal';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorNotice, Notice } from '@/components/ui/feedback';

type Confirming = 'reset' | 'drop' | null;

/** Operator actions: start/stop, reset past a lost position, create or drop the slot. */
export function ReceiverActions({ server, receiver }: { server: string; receiver: ReceiverStatusView }) {
  const action = useReceiverAction(server);
  const slot = useSlotAction(server);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const message = action.data?.warning ?? slot.data?.message;
  return (
    <div className="space-y-2 pt-3">
      <div className="flex flex-wrap gap-2">
        {receiver.stopRequested ? (
          <Button size="sm" variant="primary" busy={action.isPending && action.variables === 'start'} onClick={() => action.mutate('start')}>
            Start receiver
          </Button>
        ) : (
          <Button size="sm" disabled={!receiver.streamingArchiver} busy={action.isPending && action.variables === 'stop'} onClick={() => action.mutate('stop')}>
            Stop receiver
          </Button>
        )}
        <Button size="sm" onClick={() => setConfirming('reset')}>
          Reset…
        </Button>
        <Button size="sm" busy={slot.isPending && slot.variables === 'create'} onClick={() => slot.mutate('create')}>
          Create slot
        </Button>
        <Button size="sm" variant="danger" onClick={() => setConfirming('drop')}>
          Drop slot…
        </Button>
      </div>
      {message && !confirming ? <Notice tone={action.data?.warning ? 'warning' : 'success'}>{message}</Notice> : null}
      {(action.error || slot.error) && !confirming ? <ErrorNotice title="The receiver action failed." error={action.error ?? slot.error} /> : null}
      <ConfirmDialog
        open={confirming === 'reset'}
        title="Reset the WAL receiver?"
        confirmLabel="Reset receiver"
        busy={action.isPending}
        error={action.error}
        onConfirm={() => action.mutate('reset', { onSuccess: () => setConfirming(null) })}
        onClose={() => setConfirming(null)}
      >
        <p>
          Streaming restarts from the server’s current WAL position. WAL between the last segment Cellar stored and that position is never
          received: the archive keeps a gap, and point-in-time recovery cannot cross it. Use this only when the server no longer has that
          WAL, then take a new backup.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming === 'drop'}
        title={`Drop the replication slot ${receiver.slotName ?? ''}?`}
        confirmLabel="Drop slot"
        busy={slot.isPending}
        error={slot.error}
        onConfirm={() => slot.mutate('drop', { onSuccess: () => setConfirming(null) })}
        onClose={() => setConfirming(null)}
      >
        <p>
          The server stops keeping WAL for Cellar: while the receiver is away, WAL it has not received may be recycled. PostgreSQL refuses
          while the receiver streams: stop it first.
        </p>
      </ConfirmDialog>
    </div>
  );
}
