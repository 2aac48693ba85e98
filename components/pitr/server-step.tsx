'use client';

import Link from 'next/link';
import { useServers } from '@/components/api/use-servers';
import { formatPgVersion } from '@/components/format/format-backup';
import { EmptyState, ErrorNotice, Loading } from '@/components/ui/feedback';
import { WizardStepper } from './wizard-stepper';

/** Step 1, when the wizard is opened without a server: which one to recover. */
export function ServerStep() {
  const servers = useServers();
  return (
    <div>
      <WizardStepper
        current="server"
        blockers={{ server: 'Choose a server.' }}
        hidden={[]}
        onGo={() => undefined}
      />
      <h2 className="mb-3 text-lg font-semibold text-zinc-900 dark:text-zinc-100">Choose the server</h2>
      {servers.isPending ? <Loading label="Loading the servers…" /> : null}
      {servers.error ? (
        <ErrorNotice
          title="The servers could not be listed."
          error={servers.error}
          onRetry={() => void servers.refetch()}
        />
      ) : null}
      {servers.data?.length === 0 ? (
        <EmptyState title="No servers yet">
          <p>
            <Link className="text-blue-700 underline dark:text-blue-400" href="/servers/new">
              Add a server
            </Link>
            , back it up and archive its WAL; then it can be recovered to any point in time.
          </p>
        </EmptyState>
      ) : null}
      <ul aria-label="Servers" className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
        {servers.data?.map((s) => (
          <li key={s.id}>
            <Link
              href={`/servers/${encodeURIComponent(s.name)}/recover`}
              className="block rounded-lg border border-zinc-200 bg-white p-3 hover:border-blue-500 hover:bg-blue-50 focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-zinc-800 dark:bg-zinc-950 dark:hover:bg-blue-950/40"
            >
              <span className="font-semibold text-zinc-900 dark:text-zinc-100">{s.name}</span>
              <span className="block text-sm text-zinc-600 dark:text-zinc-400">
                {[
                  s.pgVersion ? `PostgreSQL ${formatPgVersion(s.pgVersion)}` : null,
                  s.enabled ? null : 'disabled',
                  s.description || null,
                ]
                  .filter(Boolean)
                  .join(' · ') || 'not checked yet'}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
