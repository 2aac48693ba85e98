'use client';

import { useState, type FormEvent } from 'react';
import { isApiError, type FieldMessages } from '@/components/api/api-error';
import type { Role } from '@/components/api/types';
import { useCreateUser } from '@/components/api/use-users';
import { roleLabels } from '@/components/auth/roles';
import { Button } from '@/components/ui/button';
import { ErrorNotice, Notice } from '@/components/ui/feedback';
import { SelectField, TextField } from '@/components/ui/field';
import { roleOptions } from './role-options';

export function AddUserForm() {
  const create = useCreateUser();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [errors, setErrors] = useState<FieldMessages>({});
  const [added, setAdded] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAdded(null);
    const local: FieldMessages = {};
    if (!username.trim()) local.username = ['Give the user a name to sign in with.'];
    if (!password) local.password = ['Set an initial password.'];
    setErrors(local);
    if (Object.keys(local).length) return;
    create.mutate(
      { username: username.trim(), password, role },
      {
        onSuccess: () => {
          setAdded(username.trim());
          setUsername('');
          setPassword('');
        },
        onError: (error) => {
          if (isApiError(error) && error.status === 409) setErrors({ username: [error.message] });
          else if (isApiError(error)) setErrors(error.fields);
        },
      },
    );
  };

  const showNotice =
    create.error &&
    !(isApiError(create.error) && (create.error.status === 409 || Object.keys(create.error.fields).length));
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label="Add a user"
      className="space-y-4 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <div className="grid gap-4 md:grid-cols-3">
        <TextField
          label="Username"
          autoComplete="off"
          value={username}
          errors={errors.username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <TextField
          label="Initial password"
          type="password"
          autoComplete="new-password"
          value={password}
          errors={errors.password}
          help="Give it to the user over a safe channel; they can change it under Settings → Password."
          onChange={(e) => setPassword(e.target.value)}
        />
        <SelectField
          label="Role"
          options={roleOptions()}
          value={role}
          errors={errors.role}
          help={roleLabels[role]}
          onChange={(e) => setRole(e.target.value as Role)}
        />
      </div>
      {showNotice ? <ErrorNotice title="The user was not added." error={create.error} /> : null}
      {added ? <Notice tone="success">User {added} was added.</Notice> : null}
      <Button type="submit" variant="primary" busy={create.isPending}>
        Add user
      </Button>
    </form>
  );
}
