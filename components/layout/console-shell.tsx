'use client';

import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';
import { isApiError } from '@/components/api/api-error';
import { useMe } from '@/components/api/use-auth';
import { ErrorNotice, Loading } from '@/components/ui/feedback';
import { MainNav } from './main-nav';
import { UserMenu } from './user-menu';

const passwordPage = '/settings/password';

/** The signed-in frame: header, left navigation, and the gate that needs a session. */
export function ConsoleShell({ children }: { children: ReactNode }) {
  const me = useMe();
  const pathname = usePathname();
  const router = useRouter();
  const mustChange = Boolean(me.data?.mustChangePassword) && pathname !== passwordPage;

  useEffect(() => {
    if (mustChange) router.replace(`${passwordPage}?required=1`);
  }, [mustChange, router]);

  if (me.isPending)
    return (
      <CenteredMessage>
        <Loading label="Loading Cellar…" />
      </CenteredMessage>
    );
  if (me.error) {
    if (isApiError(me.error) && me.error.status === 401) {
      return (
        <CenteredMessage>
          <Loading label="You are not signed in; opening the sign-in page…" />
        </CenteredMessage>
      );
    }
    return (
      <CenteredMessage>
        <ErrorNotice
          title="Cellar could not load your account."
          error={me.error}
          onRetry={() => void me.refetch()}
        />
      </CenteredMessage>
    );
  }

  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-black"
      >
        Skip to content
      </a>
      <header className="flex flex-wrap items-center justify-between gap-3 border-b border-zinc-200 bg-white px-4 py-3 dark:border-zinc-800 dark:bg-zinc-950">
        <Link href="/" className="text-lg font-bold tracking-tight text-zinc-950 dark:text-white">
          Cellar
        </Link>
        <UserMenu user={me.data} />
      </header>
      <div className="flex flex-1 flex-col md:flex-row">
        <aside className="border-b border-zinc-200 bg-zinc-50 p-3 md:w-48 md:shrink-0 md:border-r md:border-b-0 dark:border-zinc-800 dark:bg-zinc-900/40">
          <MainNav />
        </aside>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 p-4 focus:outline-none md:p-8">
          {mustChange ? <Loading label="You must choose a new password first…" /> : children}
        </main>
      </div>
    </div>
  );
}

function CenteredMessage({ children }: { children: ReactNode }) {
  return <div className="mx-auto mt-24 max-w-md px-4">{children}</div>;
}
