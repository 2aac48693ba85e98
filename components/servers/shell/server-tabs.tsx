'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

const tabs = [
  { path: '', label: 'Overview' },
  { path: '/backups', label: 'Backups' },
  { path: '/wal', label: 'WAL' },
  { path: '/schedules', label: 'Schedules & retention' },
  { path: '/checks', label: 'Checks' },
  { path: '/settings', label: 'Settings' },
] as const;

/** The server's sections as links (each its own URL, so a section can be shared and reloaded). */
export function ServerTabs({ name }: { name: string }) {
  const pathname = usePathname();
  const base = `/servers/${encodeURIComponent(name)}`;
  const rest = pathname.startsWith(base) ? pathname.slice(base.length) : '';
  const current = (path: string) => (path === '' ? rest === '' : rest === path || rest.startsWith(`${path}/`));
  return (
    <nav aria-label="Server sections" className="mb-6 border-b border-zinc-200 dark:border-zinc-800">
      <ul className="-mb-px flex flex-wrap gap-1">
        {tabs.map((t) => {
          const active = current(t.path);
          return (
            <li key={t.label}>
              <Link
                href={`${base}${t.path}`}
                aria-current={active ? 'page' : undefined}
                className={`inline-block border-b-2 px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-blue-600 ${
                  active
                    ? 'border-blue-600 text-zinc-950 dark:border-blue-400 dark:text-white'
                    : 'border-transparent text-zinc-600 hover:border-zinc-300 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100'
                }`}
              >
                {t.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
