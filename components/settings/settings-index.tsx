'use client';

import Link from 'next/link';
import { useCan } from '@/components/auth/roles';

export function SettingsIndex() {
  const isAdmin = useCan('admin');
  const items = [
    { href: '/settings/password', title: 'Password', text: 'Change the password you sign in with.' },
    ...(isAdmin
      ? [
          {
            href: '/settings/users',
            title: 'Users',
            text: 'Add people, change their role, disable accounts.',
          },
        ]
      : []),
    {
      href: '/settings/tokens',
      title: 'API tokens',
      text: 'Credentials for the cellar CLI and scripts; shown once when created.',
    },
    ...(isAdmin
      ? [
          { href: '/settings/notifications', title: 'Notifications', text: 'Webhook and email channels for alerts, their health, a test button.' },
          { href: '/settings/alert-rules', title: 'Alert rules', text: 'Which conditions open alerts, with what severity and thresholds.' },
        ]
      : []),
  ];
  return (
    <ul className="grid gap-3 sm:grid-cols-2">
      {items.map((i) => (
        <li key={i.href} className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
          <Link href={i.href} className="font-semibold text-blue-700 hover:underline dark:text-blue-400">
            {i.title}
          </Link>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{i.text}</p>
        </li>
      ))}
    </ul>
  );
}
