import type { Metadata } from 'next';
import { ServerOverviewPage } from '@/components/servers/overview/server-overview-page';

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).name };
}

export default async function ServerPage({ params }: Props) {
  const { name } = await params;
  return <ServerOverviewPage name={name} />;
}
