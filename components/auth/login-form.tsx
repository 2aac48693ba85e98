'use client';

import { useRouter, useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { isApiError } from '@/components/api/api-error';
import { useLogin } from '@/components/api/use-auth';
import { Button } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import { TextField } from '@/components/ui/field';
import { LoginFailure } from './login-failure';
import { safeNextPath } from './safe-next';

type Missing = { username?: string[]; password?: string[] };

export function LoginForm() {
  const router = useRouter();
  const next = safeNextPath(useSearchParams().get('next'));
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<Missing>({});
  const fields = isApiError(login.error) ? login.error.fields : {};

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const empty: Missing = {};
    if (!username.trim()) empty.username = ['Enter your username.'];
    if (!password) empty.password = ['Enter your password.'];
    setMissing(empty);
    if (empty.username || empty.password) return;
    login.mutate(
      { username: username.trim(), password },
      {
        onSuccess: (user) => router.replace(user.mustChangePassword ? '/settings/password?required=1' : next),
        onError: () => setPassword(''),
      },
    );
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {isApiError(login.error) && [401, 403, 429].includes(login.error.status) ? (
        <LoginFailure error={login.error} />
      ) : login.error ? (
        <ErrorNotice title="Sign-in failed." error={login.error} />
      ) : null}
      <TextField
        label="Username"
        name="username"
        autoComplete="username"
        autoFocus
        required
        value={username}
        errors={missing.username ?? fields.username}
        onChange={(e) => setUsername(e.target.value)}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        errors={missing.password ?? fields.password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <Button type="submit" variant="primary" className="w-full" busy={login.isPending}>
        Sign in
      </Button>
    </form>
  );
}
