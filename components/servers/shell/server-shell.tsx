'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { isApiError } from '@/components/api/api-error';
import { useServerHealth } from '@/components/api/use-fleet';
import { useServer } from '@/components/api/use-servers';
import { HealthBadge } from '@/components/fleet/health-badge';
import { formatPgVersion } from '@/components/format/format-backup';
import { ButtonLink } from '@/components/ui/button';
import { ErrorNotice } from '@/components/ui/feedback';
import { ServerTabs } from './server-tabs';

/**
 * The frame of every page of one server: its name, health and sections. A page below a section
 * (a backup) has its own heading, so the server's name is then not the page's <h1>.
 */
export function ServerShell({ name, children }: { name: string; children: ReactNode }) {
  const server = useServer(name);
  const health = useServerHealth(name);
  const pathname = usePathname();
  const nested = /\/backups\/[^/]+/.test(pathname);
  const Heading = nested ? 'p' : 'h1';
  if (server.error && isApiError(server.error) && server.error.status === 404)
    return <ErrorNotice title={`There is no server named ${name}.`} error={server.error} />;
  const s = server.data;
  const h = health.data;
  return (
    <>
      <div className="mb-4">
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          <Link href="/" className="hover:underline">
            Servers
          </Link>{' '}
          /
        </p>
        <div className="mt-1 flex flex-wrap items-center gap-3">
          <Heading className="text-2xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">
            {name}
          </Heading>
          {h ? <HealthBadge health={h.health} /> : null}
          {s ? (
            <ServerFacts
              pgVersion={s.pgVersion}
              method={s.backupMethod}
              streaming={s.streamingArchiver}
              push={s.pushArchiver}
            />
          ) : null}
          <ButtonLink href={`/servers/${encodeURIComponent(name)}/recover`} className="ml-auto">
            Point-in-time recovery
          </ButtonLink>
        </div>
        {s?.description ? (
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{s.description}</p>
        ) : null}
      </div>
      <ServerTabs name={name} />
      {children}
    </>
  );
}

function ServerFacts({
  pgVersion,
  method,
  streaming,
  push,
}: {
  pgVersion: number | null;
  method: string;
  streaming: boolean;
  push: boolean;
}) {
  const wal =
    [streaming ? 'streaming' : null, push ? 'push' : null].filter(Boolean).join(' + ') || 'no WAL archiving';
  return (
    <span className="text-sm text-zinc-600 dark:text-zinc-400">
      {pgVersion ? `PostgreSQL ${formatPgVersion(pgVersion)} · ` : ''}
      {method} method · {wal}
    </span>
  );
}
