import type { Metadata } from 'next';
import { Suspense } from 'react';
import { LoginForm } from '@/components/auth/login-form';
import { Loading } from '@/components/ui/feedback';

export const metadata: Metadata = { title: 'Sign in' };

export default function LoginPage() {
  return (
    <main className="mx-auto mt-24 max-w-sm px-4">
      <h1 className="mb-1 text-2xl font-bold tracking-tight">Sign in to Cellar</h1>
      <p className="mb-6 text-sm text-zinc-600 dark:text-zinc-400">PostgreSQL backup and recovery console.</p>
      <Suspense fallback={<Loading label="Loading…" />}>
        <LoginForm />
      </Suspense>
    </main>
  );
}
