import type { Metadata } from 'next';
import { Suspense } from 'react';
import { Loading } from '@/components/ui/feedback';
import { WalSection } from '@/components/wal/wal-section';

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `WAL of ${(await params).name}` };
}

export default async function ServerWalPage({ params }: Props) {
  const { name } = await params;
  return (
    <Suspense fallback={<Loading label="Loading the WAL archive…" />}>
      <WalSection name={name} />
    </Suspense>
  );
}
