import type { Metadata } from 'next';
import { ChecksTab } from '@/components/servers/checks-tab';

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Checks of ${(await params).name}` };
}

export default async function ServerChecksPage({ params }: Props) {
  const { name } = await params;
  return <ChecksTab name={name} />;
}
