import type { Metadata } from 'next';
import { ServerSettings } from '@/components/servers/server-settings';

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Settings of ${(await params).name}` };
}

export default async function ServerSettingsPage({ params }: Props) {
  const { name } = await params;
  return <ServerSettings name={name} />;
}
