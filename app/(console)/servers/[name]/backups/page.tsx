import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ServerBackupsTab } from '@/components/backups/server-backups-tab';
import { Loading } from '@/components/ui/feedback';

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Backups of ${(await params).name}` };
}

export default async function ServerBackupsPage({ params }: Props) {
  const { name } = await params;
  return (
    <Suspense fallback={<Loading label="Loading backups…" />}>
      <ServerBackupsTab name={name} />
    </Suspense>
  );
}
