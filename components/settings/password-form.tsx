'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { isApiError, type FieldMessages } from '@/components/api/api-error';
import { useChangePassword, useMe } from '@/components/api/use-auth';
import { Button } from '@/components/ui/button';
import { ErrorNotice, Notice } from '@/components/ui/feedback';
import { TextField } from '@/components/ui/field';

type Fields = { currentPassword: string; newPassword: string; confirmPassword: string };
const blank: Fields = { currentPassword: '', newPassword: '', confirmPassword: '' };

function checkLocally(f: Fields): FieldMessages {
  const errors: FieldMessages = {};
  if (!f.currentPassword) errors.currentPassword = ['Enter your current password.'];
  if (!f.newPassword) errors.newPassword = ['Choose a new password.'];
  else if (f.newPassword === f.currentPassword)
    errors.newPassword = ['The new password must differ from the current one.'];
  if (f.newPassword && f.confirmPassword !== f.newPassword)
    errors.confirmPassword = ['The two new passwords differ; type the same password twice.'];
  return errors;
}

/** A 401 here means the current password was wrong: say so beside that field. */
function serverErrors(error: unknown): FieldMessages {
  if (!isApiError(error)) return {};
  if (error.status === 401 && !Object.keys(error.fields).length) return { currentPassword: [error.message] };
  return error.fields;
}

export function PasswordForm() {
  const me = useMe();
  const router = useRouter();
  const change = useChangePassword();
  const [fields, setFields] = useState<Fields>(blank);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [done, setDone] = useState(false);
  const required = Boolean(me.data?.mustChangePassword);

  const set = (key: keyof Fields) => (e: { target: { value: string } }) => {
    setFields({ ...fields, [key]: e.target.value });
    setErrors(({ [key]: _dropped, ...rest }) => rest);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    const local = checkLocally(fields);
    setErrors(local);
    if (Object.keys(local).length) return;
    change.mutate(
      { currentPassword: fields.currentPassword, newPassword: fields.newPassword },
      {
        onSuccess: () => {
          setFields(blank);
          setDone(true);
          if (required) router.replace('/');
        },
        onError: (error) => setErrors(serverErrors(error)),
      },
    );
  };

  const showNotice =
    change.error &&
    !(isApiError(change.error) && (change.error.status === 401 || change.error.status === 422));
  return (
    <form onSubmit={submit} noValidate className="max-w-md space-y-4">
      {required ? (
        <Notice tone="warning">
          You must choose a new password before you can use Cellar. Your administrator set a temporary one.
        </Notice>
      ) : null}
      {done ? <Notice tone="success">Your password was changed.</Notice> : null}
      {showNotice ? <ErrorNotice title="The password was not changed." error={change.error} /> : null}
      <input
        type="text"
        name="username"
        autoComplete="username"
        value={me.data?.username ?? ''}
        readOnly
        hidden
      />
      <TextField
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={fields.currentPassword}
        errors={errors.currentPassword}
        onChange={set('currentPassword')}
      />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        value={fields.newPassword}
        errors={errors.newPassword}
        help="A long passphrase is easiest to remember and hardest to guess."
        onChange={set('newPassword')}
      />
      <TextField
        label="Repeat the new password"
        type="password"
        autoComplete="new-password"
        value={fields.confirmPassword}
        errors={errors.confirmPassword}
        onChange={set('confirmPassword')}
      />
      <Button type="submit" variant="primary" busy={change.isPending}>
        Change password
      </Button>
    </form>
  );
}
