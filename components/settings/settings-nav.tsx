'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useCan } from '@/components/auth/roles';

export function SettingsNav() {
  const pathname = usePathname();
  const isAdmin = useCan('admin');
  const items = [
    { href: '/settings/password', label: 'Password' },
    ...(isAdmin ? [{ href: '/settings/users', label: 'Users' }] : []),
    { href: '/settings/tokens', label: 'API tokens' },
    ...(isAdmin
      ? [
          { href: '/settings/notifications', label: 'Notifications' },
          { href: '/settings/alert-rules', label: 'Alert rules' },
        ]
      : []),
  ];
  return (
    <nav aria-label="Settings" className="mb-6 border-b border-zinc-200 dark:border-zinc-800">
      <ul className="flex gap-1">
        {items.map((item) => {
          const current = pathname === item.href;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={current ? 'page' : undefined}
                className={`-mb-px inline-block border-b-2 px-3 py-2 text-sm font-medium ${
                  current
                    ? 'border-blue-600 text-zinc-950 dark:text-white'
                    : 'border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100'
                }`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
