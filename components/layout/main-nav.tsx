'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { AlertCountBadge } from '@/components/alerts/alert-count-badge';

const isRecover = (p: string) => p === '/recover' || /^\/servers\/[^/]+\/recover$/.test(p);

const items = [
  { href: '/', label: 'Servers', matches: (p: string) => p === '/' || (p.startsWith('/servers') && !isRecover(p)) },
  { href: '/recover', label: 'Recover', matches: (p: string) => isRecover(p) },
  { href: '/alerts', label: 'Alerts', matches: (p: string) => p.startsWith('/alerts') },
  { href: '/jobs', label: 'Jobs', matches: (p: string) => p.startsWith('/jobs') },
  { href: '/audit', label: 'Audit', matches: (p: string) => p.startsWith('/audit') },
  { href: '/settings', label: 'Settings', matches: (p: string) => p.startsWith('/settings') },
];

export function MainNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main">
      <ul className="flex gap-1 md:flex-col">
        {items.map((item) => {
          const current = item.matches(pathname);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? 'page' : undefined}
                className={`block rounded-md px-3 py-2 text-sm font-medium focus-visible:outline-2 focus-visible:outline-blue-600 ${
                  current
                    ? 'bg-zinc-200 text-zinc-950 dark:bg-zinc-800 dark:text-white'
                    : 'text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800/60'
                }`}
              >
                {item.label}
                {item.href === '/alerts' ? <AlertCountBadge /> : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
