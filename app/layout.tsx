import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '@/components/api/providers';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Cellar', template: '%s · Cellar' },
  description: 'PostgreSQL backup and recovery manager',
  icons: { icon: '/favicon.svg' },
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-white text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
