'use client';

import type { ReactNode } from 'react';
import type { ServerView } from '@/server/contracts/servers';
import { useServer } from '@/components/api/use-servers';
import { QueryView } from '@/components/ui/query-view';

/** A server section that needs the server's registry row first (its id, its settings). */
export function ServerTab({ name, children }: { name: string; children: (server: ServerView) => ReactNode }) {
  const server = useServer(name);
  return (
    <QueryView query={server} loading="Loading the server…" errorTitle={`The server ${name} could not be loaded.`}>
      {children}
    </QueryView>
  );
}
