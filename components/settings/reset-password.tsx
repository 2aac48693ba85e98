'use client';

import { useState, type FormEvent } from 'react';
import { isApiError } from '@/components/api/api-error';
import type { UserView } from '@/components/api/types';
import { useUpdateUser } from '@/components/api/use-users';
import { Button } from '@/components/ui/button';
import { ErrorNotice, Notice } from '@/components/ui/feedback';
import { TextField } from '@/components/ui/field';

/** An admin sets a new password for someone who lost theirs. */
export function ResetPassword({ user }: { user: UserView }) {
  const update = useUpdateUser(user.id);
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState(false);
  if (!open) {
    return (
      <>
        <Button
          size="sm"
          onClick={() => {
            setOpen(true);
            setDone(false);
          }}
        >
          Set password for {user.username}
        </Button>
        {done ? <Notice tone="success">The password of {user.username} was changed.</Notice> : null}
      </>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissing(!password);
    if (!password) return;
    update.mutate(
      { password },
      {
        onSuccess: () => {
          setPassword('');
          setOpen(false);
          setDone(true);
        },
      },
    );
  };
  const fieldErrors = missing
    ? ['Type the new password.']
    : isApiError(update.error)
      ? update.error.fields.password
      : undefined;
  return (
    <form onSubmit={submit} noValidate className="w-full space-y-2">
      <TextField
        label={`New password for ${user.username}`}
        type="password"
        autoComplete="new-password"
        value={password}
        errors={fieldErrors}
        onChange={(e) => setPassword(e.target.value)}
      />
      {update.error && !fieldErrors ? <ErrorNotice error={update.error} /> : null}
      <div className="flex gap-2">
        <Button size="sm" type="submit" variant="primary" busy={update.isPending}>
          Save password
        </Button>
        <Button size="sm" variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
