'use client';

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { isApiError } from './api-error';

type Redirect = () => void;

function shouldRetry(failureCount: number, error: unknown): boolean {
  // A 4xx will not get better by asking again; a dropped connection or a 503 might.
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

function makeClient(onUnauthenticated: { current: Redirect }): QueryClient {
  const handle = (error: unknown, meta: Record<string, unknown> | undefined) => {
    if (isApiError(error) && error.status === 401 && meta?.authRedirect !== false)
      onUnauthenticated.current();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => handle(error, query.meta) }),
    mutationCache: new MutationCache({ onError: (error, _v, _c, mutation) => handle(error, mutation.meta) }),
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 2_000 },
      mutations: { retry: false },
    },
  });
}

/** TanStack Query for the whole console; any 401 sends the user to /login and back afterwards. */
export function Providers({ children }: { children: ReactNode }) {
  const router = useRouter();
  const redirect = useRef<Redirect>(() => undefined);
  useEffect(() => {
    redirect.current = () => {
      if (window.location.pathname === '/login') return;
      const here = window.location.pathname + window.location.search;
      router.replace(`/login?next=${encodeURIComponent(here)}`);
    };
  }, [router]);
  const [client] = useState(() => makeClient(redirect));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
