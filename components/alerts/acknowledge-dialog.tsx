'use client';

import { useState } from 'react';
import type { AlertView } from '@/server/contracts/alerts';
import { isApiError } from '@/components/api/api-error';
import { useAcknowledgeAlert } from '@/components/api/use-alerts';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { TextAreaField } from '@/components/ui/field';

/** Acknowledge with a comment: the alert stays open until its condition clears; the comment is audited. */
export function AcknowledgeDialog({ alert, onClose }: { alert: AlertView | null; onClose: () => void }) {
  const acknowledge = useAcknowledgeAlert();
  const [comment, setComment] = useState('');
  const fieldErrors = isApiError(acknowledge.error) ? acknowledge.error.fields.comment : undefined;
  const close = () => {
    setComment('');
    acknowledge.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={alert !== null}
      title={`Acknowledge: ${alert?.title ?? ''}`}
      confirmLabel="Acknowledge"
      confirmVariant="primary"
      busy={acknowledge.isPending}
      error={fieldErrors ? undefined : acknowledge.error}
      onClose={close}
      onConfirm={() => alert && acknowledge.mutate({ id: alert.id, comment }, { onSuccess: close })}
    >
      <p className="mb-3">
        The alert stays open until its condition clears, but shows who is on it. No more notifications are sent for
        it until it resolves.
      </p>
      <TextAreaField
        label="Comment"
        rows={3}
        value={comment}
        errors={fieldErrors}
        help="Who is on it, what is being done, or until when it is expected."
        onChange={(e) => setComment(e.target.value)}
      />
    </ConfirmDialog>
  );
}
