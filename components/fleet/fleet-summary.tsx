import Link from 'next/link';
import type { FleetView } from '@/server/contracts/fleet';

/**
 * Loud when something is wrong (the servers in trouble, by name, with their worst problem),
 * one quiet line when everything is fine.
 */
export function FleetSummary({ fleet }: { fleet: FleetView }) {
  const { counts } = fleet;
  const active = fleet.servers.length - counts.disabled;
  if (counts.critical) {
    const critical = fleet.servers.filter((s) => s.health === 'critical');
    return (
      <section aria-labelledby="fleet-trouble" className="mb-4 rounded-lg border-2 border-red-600 bg-red-50 p-4 text-red-950 dark:border-red-500 dark:bg-red-950/50 dark:text-red-50">
        <h2 id="fleet-trouble" className="text-lg font-bold">
          {counts.critical === 1 ? '1 server needs attention now' : `${counts.critical} servers need attention now`}
        </h2>
        <ul className="mt-2 space-y-1 text-sm">
          {critical.slice(0, 8).map((s) => (
            <li key={s.id}>
              <Link href={`/servers/${encodeURIComponent(s.name)}`} className="font-semibold underline">
                {s.name}
              </Link>
              : {s.problems.find((p) => p.level === 'critical')?.message}
            </li>
          ))}
          {critical.length > 8 ? <li>and {critical.length - 8} more below.</li> : null}
        </ul>
        {counts.warning ? <p className="mt-2 text-sm">{counts.warning === 1 ? '1 other server has warnings' : `${counts.warning} other servers have warnings`}, listed below.</p> : null}
      </section>
    );
  }
  if (counts.warning)
    return (
      <p role="status" className="mb-4 rounded-lg border border-amber-400 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100">
        No server is in trouble; {plural(counts.warning, 'has a warning', 'have warnings')} (listed first).
      </p>
    );
  return (
    <p role="status" className="mb-4 text-sm text-green-800 dark:text-green-300">
      <span aria-hidden className="mr-1.5 inline-block size-2 rounded-full bg-green-600 align-middle dark:bg-green-400" />
      All {active} active servers are healthy: checks pass, backups and WAL are within their limits.
    </p>
  );
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? `1 server ${one}` : `${n} servers ${many}`;
}
