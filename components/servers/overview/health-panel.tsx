'use client';

import Link from 'next/link';
import type { FleetServerView } from '@/server/contracts/fleet';
import { useServerHealth } from '@/components/api/use-fleet';
import { HealthBadge } from '@/components/fleet/health-badge';
import { Loading } from '@/components/ui/feedback';
import { Time } from '@/components/ui/values';
import { RunChecks } from '../run-checks';

/** What is wrong with this server now, in the dashboard's words; a short line when nothing is. */
export function HealthPanel({ name, serverId }: { name: string; serverId: string }) {
  const health = useServerHealth(name);
  const h = health.data;
  return (
    <section aria-labelledby="server-health" className={`mb-8 rounded-lg border p-4 ${h ? frame(h) : 'border-zinc-200 dark:border-zinc-800'}`}>
      <div className="mb-2 flex flex-wrap items-center gap-3">
        <h2 id="server-health" className="text-lg font-semibold">
          Health
        </h2>
        {h ? <HealthBadge health={h.health} /> : null}
        {h?.lastCheck ? (
          <span className="text-sm text-zinc-600 dark:text-zinc-400">
            checks ran <Time iso={h.lastCheck.checkedAt} /> ·{' '}
            <Link href={`/servers/${encodeURIComponent(name)}/checks`} className="text-blue-700 hover:underline dark:text-blue-400">
              details and history
            </Link>
          </span>
        ) : null}
      </div>
      {!h ? <Loading label="Judging the server's health…" /> : <Problems server={h} />}
      <div className="mt-3">
        <RunChecks name={name} serverId={serverId} />
      </div>
    </section>
  );
}

function frame(h: FleetServerView): string {
  if (h.health === 'critical') return 'border-2 border-red-600 bg-red-50 dark:border-red-500 dark:bg-red-950/40';
  if (h.health === 'warning') return 'border-amber-400 bg-amber-50 dark:border-amber-700 dark:bg-amber-950/30';
  return 'border-zinc-200 dark:border-zinc-800';
}

function Problems({ server: h }: { server: FleetServerView }) {
  if (h.health === 'disabled') return <p className="text-sm">Disabled: Cellar neither checks nor backs it up. Enable it in Settings.</p>;
  if (!h.problems.length)
    return <p className="text-sm text-green-800 dark:text-green-300">Checks pass; the last backup and the last WAL are within their limits.</p>;
  return (
    <ul className="space-y-1 text-sm">
      {h.problems.map((p) => (
        <li key={p.code} className={p.level === 'critical' ? 'font-medium text-red-900 dark:text-red-200' : 'text-amber-900 dark:text-amber-200'}>
          <span className="sr-only">{p.level}: </span>
          {p.message}
        </li>
      ))}
    </ul>
  );
}
