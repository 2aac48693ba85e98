'use client';

import { useState, type FormEvent } from 'react';
import { isApiError, type FieldMessages } from '@/components/api/api-error';
import type { CreatedToken, Role } from '@/components/api/types';
import { useMe } from '@/components/api/use-auth';
import { useCreateToken, type CreateTokenInput } from '@/components/api/use-tokens';
import { roleLabels } from '@/components/auth/roles';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import { SelectField, TextField } from '@/components/ui/field';
import { roleOptions } from './role-options';

function checkLocally(name: string, days: string): FieldMessages {
  const errors: FieldMessages = {};
  if (!name.trim()) errors.name = ['Name the token after where it is used, e.g. "nagios on mon1".'];
  if (days !== '' && !(Number.isInteger(Number(days)) && Number(days) >= 1))
    errors.expiresInDays = ['Give a whole number of days (1 or more), or leave empty for no expiry.'];
  return errors;
}

export function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedToken) => void }) {
  const me = useMe();
  const create = useCreateToken();
  const ceiling = me.data?.role ?? 'viewer';
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [days, setDays] = useState('90');
  const [errors, setErrors] = useState<FieldMessages>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const local = checkLocally(name, days);
    setErrors(local);
    if (Object.keys(local).length) return;
    const input: CreateTokenInput = {
      name: name.trim(),
      role,
      ...(days ? { expiresInDays: Number(days) } : {}),
    };
    create.mutate(input, {
      onSuccess: (token) => {
        setName('');
        onCreated(token);
      },
      onError: (error) => setErrors(isApiError(error) ? error.fields : {}),
    });
  };

  const showNotice = create.error && !(isApiError(create.error) && Object.keys(create.error.fields).length);
  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label="Create an API token"
      className="space-y-4 rounded-lg border border-zinc-200 p-4 dark:border-zinc-800"
    >
      <div className="grid gap-4 md:grid-cols-3">
        <TextField
          label="Token name"
          autoComplete="off"
          value={name}
          errors={errors.name}
          onChange={(e) => setName(e.target.value)}
        />
        <SelectField
          label="Token role"
          options={roleOptions(ceiling)}
          value={role}
          errors={errors.role}
          help={`${roleLabels[role]}. At most your own role.`}
          onChange={(e) => setRole(e.target.value as Role)}
        />
        <TextField
          label="Expires after (days)"
          type="number"
          min={1}
          inputMode="numeric"
          value={days}
          errors={errors.expiresInDays}
          help="Leave empty for a token that never expires (not recommended)."
          onChange={(e) => setDays(e.target.value)}
        />
      </div>
      {showNotice ? <ErrorNotice title="The token was not created." error={create.error} /> : null}
      <Button type="submit" variant="primary" busy={create.isPending}>
        Create token
      </Button>
    </form>
  );
}
