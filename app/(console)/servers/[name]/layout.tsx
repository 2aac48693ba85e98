import type { ReactNode } from 'react';
import { ServerShell } from '@/components/servers/shell/server-shell';

export default async function ServerLayout({ children, params }: { children: ReactNode; params: Promise<{ name: string }> }) {
  const { name } = await params;
  return <ServerShell name={name}>{children}</ServerShell>;
}
